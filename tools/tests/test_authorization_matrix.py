"""The authorization-matrix suite agrees with its data, and the data follows the contract's rules."""

from __future__ import annotations



from tools.build import authorization_matrix as builder

EXPECTED_ROUTES = 65  # contract §3–§11, with both spellings of the users collection


def test_the_suites_are_written_from_the_current_data() -> None:
    files = builder.render()
    assert set(builder.SUITE_DIR.glob("*.robot")) == set(files)
    for path, text in files.items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is out of date: run python -m tools.build.authorization_matrix"
        )


def test_every_contract_route_is_a_row_once() -> None:
    data = builder.load_data()
    names = [data.route_name(row) for row in data.ROUTES]
    assert len(names) == len(set(names)) == EXPECTED_ROUTES


def test_every_cell_names_its_caller_route_and_status_uniquely() -> None:
    data = builder.load_data()
    names = [builder.test_name(cell) for cell in data.cells()]
    assert len(names) == len(set(names))
    assert all("." not in name for name in names)


def test_admin_and_scope_routes_follow_the_contract_rules() -> None:
    data = builder.load_data()
    for row in data.ROUTES:
        expected = row["expected"]
        if expected[data.NORMAL_USER] == "403":  # admin-only or scope-protected
            assert expected[data.ANONYMOUS] == "401"
            assert expected[data.SERVICE] == "401|403"
            assert expected[data.ADMIN].startswith("2")
            scoped = row["other_scope"] is not None
            assert expected[data.HOLDER] == (expected[data.ADMIN] if scoped else "403"), data.route_name(row)
            assert row["holder"] in data.ADMIN_SCOPES and row["holder"] != row["other_scope"]


# Cells where the contract itself accepts a success or a refusal (§4, §13 point 5: a service
# token may revoke the tokens issued to itself, or be refused on a user route).
EITHER_WAY_BY_CONTRACT = {("service token", "POST /api/v1/auth/revoke")}


def test_no_cell_accepts_both_a_success_and_a_refusal() -> None:
    data = builder.load_data()
    for cell in data.cells():
        statuses = set(cell["expected"].split("|"))
        if (cell["caller"], cell["route"]) in EITHER_WAY_BY_CONTRACT:
            assert statuses == {"200", "401", "403"}, cell["route"]
            continue
        assert not ({"401", "403"} & statuses and any(s.startswith("2") for s in statuses)), cell["route"]


AREA_OF_FIRST_SEGMENT = {"auth": "auth", "users": "users", "roles": "roles", "service-clients": "clients",
                         "sessions": "sessions", "admin": "admin"}


def test_every_cell_carries_the_area_of_its_route() -> None:
    data = builder.load_data()
    for cell in data.cells():
        path = cell["route"].split(" ", 1)[1]
        expected = ("infrastructure" if not path.startswith("/api/v1/")
                    else AREA_OF_FIRST_SEGMENT[path.split("/")[3]])
        assert cell["area"] == expected, cell["route"]
    areas = {cell["area"] for cell in data.cells()}
    assert areas == {"infrastructure", "auth", "users", "roles", "clients", "sessions", "admin"}


def test_the_suites_tag_each_cell_with_its_area_and_never_critical() -> None:
    from robot.api import TestSuiteBuilder  # noqa: PLC0415 - only this test needs Robot

    data = builder.load_data()
    expected = {builder.test_name(cell): {cell["area"], "authorization-matrix", *builder.tags(cell)}
                for cell in data.cells()}
    suite = TestSuiteBuilder().build(str(builder.SUITE_DIR))
    found = {test.name: set(test.tags) for test in suite.all_tests}
    assert found == expected
    # --include users selects the cells of the user routes (the issue: ~90 were left out)
    user_cells = {builder.test_name(cell) for cell in data.cells() if cell["route"].split(" ")[1].startswith("/api/v1/users")}
    assert user_cells and all("users" in found[name] and "roles" not in found[name] for name in user_cells)
