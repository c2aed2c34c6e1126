# The French catalogue for the tests, sourced by tests/cli/lib.sh and
# tests/tui/lib.sh once $PARCOURS, $top_srcdir and $TMP are set.

# french_catalogue — lays the French catalogue out in a temporary
# directory and points PARCOURS_LOCALEDIR to it (src/main.c), since the
# program is not installed: the freshest of po/fr.gmo (build tree, then
# source tree) and po/fr.po compiled with msgfmt.  Bails out without one.
french_catalogue() {
	local build po gmo mo f
	build=${top_builddir:-$(cd "$(dirname "$PARCOURS")/.." && pwd)}
	po="$top_srcdir/po/fr.po"
	gmo=
	for f in "$build/po/fr.gmo" "$top_srcdir/po/fr.gmo"; do
		if [ -f "$f" ]; then
			gmo=$f
			break
		fi
	done
	mkdir -p "$TMP/locale/fr/LC_MESSAGES"
	mo="$TMP/locale/fr/LC_MESSAGES/parcours.mo"
	if [ -n "$gmo" ] && ! [ "$po" -nt "$gmo" ]; then
		cp "$gmo" "$mo"
	elif command -v msgfmt > /dev/null 2>&1; then
		msgfmt -o "$mo" "$po" || {
			echo "Bail out! msgfmt $po failed"
			exit 1
		}
	elif [ -n "$gmo" ]; then
		cp "$gmo" "$mo"
	else
		echo "Bail out! no French catalogue: po/fr.gmo is not built"
		exit 1
	fi
	export PARCOURS_LOCALEDIR="$TMP/locale"
}
