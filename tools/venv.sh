# Sourced by run-acceptance.sh and run-project-tests.sh: creates .venv on first use and keeps it
# in step with the requirements files (a stamp holds their hash, so an unchanged set installs
# nothing). Also installs the Debian packages the project's own tests start for real.

VENV_DIR="${VENV_DIR:-.venv}"
VENV_PY="$VENV_DIR/bin/python"

_python_for_venv() {
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1; then
            echo "$candidate"
            return 0
        fi
    done
    echo "No python3.11 or python3 on PATH: install Python 3.11 first." >&2
    return 1
}

# project_paths: the venv imports the project's modules from their folders: the project root
# (the packages sut and tools), libraries/ (the keyword libraries and their helpers) and
# variables/ (the configuration), the way Robot imports them for the suites. One .pth file,
# written again on every call (the checkout may have moved), instead of sys.path edits in code.
project_paths() {
    local site root
    site=$("$VENV_PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    root=$(pwd)
    printf '%s\n' "$root" "$root/libraries" "$root/variables" >"$site/permiso-project.pth"
}

# ensure_venv REQUIREMENTS_FILE...: the venv exists and has these requirements installed.
ensure_venv() {
    local python stamp
    if [ ! -x "$VENV_PY" ]; then
        python=$(_python_for_venv)
        echo "Creating the virtual environment in $VENV_DIR ..." >&2
        "$python" -m venv "$VENV_DIR"
        "$VENV_PY" -m pip install --quiet --upgrade pip >&2
    fi
    stamp="$VENV_DIR/.requirements-stamp"
    # One stamp line per requirements file: "FILE SHA256". A file (or one it includes with -r)
    # whose current hash is not stamped makes the whole set install again.
    local req line missing=0 lines=() files=("$@") index=0
    # The files and, recursively, the files they include with -r (relative to the project root).
    while [ "$index" -lt "${#files[@]}" ]; do
        for req in $(sed -n 's/^-r[[:space:]]*//p' "${files[$index]}"); do
            [[ " ${files[*]} " == *" $req "* ]] || files+=("$req")
        done
        index=$((index + 1))
    done
    for req in "${files[@]}"; do
        line="$req $(sha256sum "$req" | cut -d' ' -f1)"
        lines+=("$line")
        grep -qxF "$line" "$stamp" 2>/dev/null || missing=1
    done
    if [ "$missing" = 1 ]; then
        echo "Installing Python packages from $* ..." >&2
        local args=()
        for req in "$@"; do args+=(-r "$req"); done
        "$VENV_PY" -m pip install --quiet --disable-pip-version-check "${args[@]}" >&2
        printf '%s\n' "${lines[@]}" >>"$stamp"
    fi
    project_paths
}

# ensure_system_packages: PostgreSQL, Redis, Docker engine, busybox-static and nginx for the
# project's own tests and the container stack (run-acceptance.sh --stack docker), wrk for
# tools/bench/load.py, chromium for tools/report/render_page.py (the run history dashboard test).
# Installs only what is missing; needs root (CI and the developer machines are).
ensure_system_packages() {
    local missing=()
    [ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
    dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
    [ -x /usr/sbin/nginx ] || missing+=(nginx)
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "Missing Debian packages: ${missing[*]} (install them as root: apt-get install -y ${missing[*]})" >&2
        return 0
    fi
    echo "Installing Debian packages: ${missing[*]} ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "${missing[@]}" >&2
}
