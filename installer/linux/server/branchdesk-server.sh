#!/bin/sh
# /usr/bin/branchdesk-server: the sync server bundle in /opt/branchdesk-server, with the service's
# settings, so that administration commands (migrate, branch add, user add …) work on the database
# the service uses.
#
# - The settings come from /etc/branchdesk-server/server.env (KEY=value lines, as systemd reads
#   them; quotes around a value are dropped), when the caller may read it. Variables already set in
#   the environment win.
# - Run by root, the command runs as the service's account (branchdesk-server): files it creates in
#   /var/lib/branchdesk-server stay the service's. /opt/branchdesk-server/branchdesk-server runs as
#   whoever calls it and reads no settings file.
set -e
program=/opt/branchdesk-server/branchdesk-server
settings=/etc/branchdesk-server/server.env

if [ -r "$settings" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
        line=${line#"${line%%[![:space:]]*}"}
        case $line in '' | '#'* | ';'*) continue ;; esac
        key=${line%%=*}
        value=${line#*=}
        case $key in '' | [0-9]* | *[!A-Za-z0-9_]*) continue ;; esac
        case $value in
            \"*\") value=${value#\"} value=${value%\"} ;;
            \'*\') value=${value#\'} value=${value%\'} ;;
        esac
        eval "already=\${$key+set}"
        [ -n "$already" ] || export "$key=$value"
    done < "$settings"
fi
if [ "$(id -u)" = 0 ] && getent passwd branchdesk-server > /dev/null; then
    exec runuser -u branchdesk-server -- "$program" "$@"
fi
exec "$program" "$@"
