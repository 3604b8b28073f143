#!/usr/bin/env bash
# tests/cli/check_docs.sh: the manual page and the bash, zsh and fish
# completions against the tool's --help: every command and every option of
# every command's --help must be in the man page (in that command's section,
# or SECRETS for the secret options) and in each completion, and the
# completions may offer no option that --help does not list.
#   bash tests/cli/check_docs.sh path/to/jwtcore tools/jwtcore
set -u

bin=${1:?usage: check_docs.sh path/to/jwtcore tools/jwtcore}
dir=${2:?usage: check_docs.sh path/to/jwtcore tools/jwtcore}
man_page=$dir/jwtcore.1
bash_completion=$dir/jwtcore.bash
zsh_completion=$dir/_jwtcore
fish_completion=$dir/jwtcore.fish

failed=0
checked=0
fail() {
  failed=$((failed + 1))
  echo "FAIL: $*"
}

# The option names in text, one per line, sorted: "--name" in plain text,
# "\-\-name" in roff.
options_in() { sed 's/\\-/-/g' | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u; }

# same_options WHAT EXPECTED ACTUAL: both directions.
same_options() {
  checked=$((checked + 1))
  local missing extra
  missing=$(comm -23 <(echo "$2") <(echo "$3") | tr '\n' ' ')
  extra=$(comm -13 <(echo "$2") <(echo "$3") | tr '\n' ' ')
  [ -z "$missing" ] || fail "$1: missing $missing"
  [ -z "$extra" ] || fail "$1: offers options --help does not list: $extra"
}

# The lines of FILE from the one matching START to the next matching END.
block() { awk -v start="$2" -v end="$3" '$0 ~ start { on = 1; next } on && $0 ~ end { exit } on' "$1"; }

for file in "$man_page" "$bash_completion" "$zsh_completion" "$fish_completion"; do
  [ -f "$file" ] || fail "$file is missing"
done
[ "$failed" -eq 0 ] || exit 1

# The commands, from the tool's help.
commands=$("$bin" --help | awk '/^commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }')
[ -n "$commands" ] || fail "no commands found in 'jwtcore --help'"
for command in $commands; do
  checked=$((checked + 1))
  grep -q "^ *local commands='.*\b$command\b" "$bash_completion" || fail "bash: command $command"
  grep -q "^    '$command:" "$zsh_completion" || fail "zsh: command $command"
  grep -q "^set -l commands .*\b$command\b" "$fish_completion" || fail "fish: command $command"
  [ "$command" = help ] || grep -q "^\.SS \"jwtcore $command\"" "$man_page" || fail "man: no section for $command"
done
for option in --help --version; do
  checked=$((checked + 1))
  grep -q -- "\\\\-\\\\-${option#--}" "$man_page" || fail "man: $option"
  # shellcheck disable=SC2016 # "$commands" is the completion's text, not ours to expand
  grep -q -- "$option" <(sed -n 's/^ *mapfile.*"$commands \(.*\)".*/\1/p' "$bash_completion") || fail "bash: $option"
  grep -q -- "'(- \*)$option\[" "$zsh_completion" || fail "zsh: $option"
  grep -q -- "not __fish_seen_subcommand_from \$commands\" -l ${option#--} " "$fish_completion" || fail "fish: $option"
done

secrets_section=$(block "$man_page" '^\.SH SECRETS' '^\.SH ')
for command in $commands; do
  [ "$command" = help ] && continue
  # The options of its usage lines and the lines that describe one ("  --name
  # ..."), not those the prose names for another command; and --help, which
  # every command takes.
  expected=$( { "$bin" "$command" --help | awk 'NR == 1, /^$/ { print; next } /^  +--/'; echo --help; } | options_in)

  # man: the command's section, plus SECRETS for the commands that take secrets.
  section=$(block "$man_page" "^\\.SS \"jwtcore $command\"" '^\.S[SH] ')
  if grep -q -- --secret-file <<<"$expected"; then section+=$'\n'$secrets_section; fi
  in_man=$( { echo "$section"; echo --help; } | options_in)
  checked=$((checked + 1))
  missing=$(comm -23 <(echo "$expected") <(echo "$in_man") | tr '\n' ' ')
  [ -z "$missing" ] || fail "man: jwtcore $command: missing $missing"

  # bash: what the completion function offers after "jwtcore COMMAND --".
  offered=$(
    # shellcheck source=/dev/null
    source "$bash_completion"
    COMP_WORDS=(jwtcore "$command" --)
    COMP_CWORD=2
    _jwtcore
    printf '%s\n' "${COMPREPLY[@]}" | sort -u
  )
  same_options "bash: jwtcore $command" "$expected" "$offered"

  # zsh: the (command) branch.
  same_options "zsh: jwtcore $command" "$expected" "$(block "$zsh_completion" "^ *\\($command\\)\$" '^ *;;$' | options_in)"

  # fish: the lines for this command.
  in_fish=$(grep -E "'__fish_seen_subcommand_from ([a-z]+ )*$command( [a-z]+)*'" "$fish_completion" |
    grep -oE -- ' -l [a-z0-9-]+' | sed 's/ -l /--/' | sort -u)
  same_options "fish: jwtcore $command" "$expected" "$in_fish"
done

# Syntax, with the shells that are installed, and the manual page renders
# without a warning. A missing tool is a failure under CI (scripts/check.sh
# installs them all), elsewhere a line saying what was not checked.
have() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "${CI:-}" = true ]; then fail "$1 is not installed"; else echo "cli docs: $1 not installed, not checked"; fi
  return 1
}
checked=$((checked + 1))
bash -n "$bash_completion" || fail "bash -n $bash_completion"
if have zsh; then zsh -n "$zsh_completion" || fail "zsh -n $zsh_completion"; fi
if have fish; then fish --no-execute "$fish_completion" || fail "fish --no-execute $fish_completion"; fi
if have man && have groff; then
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$man_page" 2>&1 >/dev/null)
  [ -z "$warnings" ] || fail "man --warnings: $warnings"
fi

echo "cli docs: $checked checks, $failed failed"
[ "$failed" -eq 0 ]
