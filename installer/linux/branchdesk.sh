#!/bin/sh
# /usr/bin/branchdesk: start the bundle installed in /opt/branchdesk.
exec /opt/branchdesk/branchdesk "$@"
