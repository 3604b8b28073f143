# bash completion for jwtcore, installed as share/bash-completion/completions/jwtcore.
# Each command's options are on its own line of the case below:
# tests/cli/check_docs.sh compares them with the command's --help.
_jwtcore() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  local commands='mint sign verify decode revoke scopes jwk help'
  COMPREPLY=()
  if [ "$COMP_CWORD" -eq 1 ]; then
    mapfile -t COMPREPLY < <(compgen -W "$commands --help --version" -- "$cur")
    return
  fi
  local opts
  case ${COMP_WORDS[1]} in
    mint) opts='--secret-file --secret-env --jwk --secret-base64url --allow-short-secret --alg --kid --aud --iss --sub --scope --legacy-scopes --strict-scopes --now --expires-in --no-exp --jti --no-jti --claim --help' ;;
    sign) opts='--secret-file --secret-env --jwk --secret-base64url --allow-short-secret --alg --kid --payload-file --help' ;;
    verify) opts='--secret-file --secret-env --jwks --alg --kid --secret-base64url --allow-short-secret --aud --iss --require-scope --now --leeway --deny-list --allow-no-exp --reject-future-iat --batch --help' ;;
    decode) opts='--now --help' ;;
    revoke) opts='--append --help' ;;
    scopes) opts='--help' ;;
    jwk) opts='--alg --kid --help' ;;
    help)
      [ "$COMP_CWORD" -eq 2 ] && mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
      return
      ;;
    *) return ;;
  esac
  case $prev in
    --secret-file | --jwk | --jwks | --payload-file | --deny-list | --append)
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return
      ;;
    --secret-env)
      mapfile -t COMPREPLY < <(compgen -e -- "$cur")
      return
      ;;
    --alg)
      mapfile -t COMPREPLY < <(compgen -W 'HS256 HS384 HS512' -- "$cur")
      return
      ;;
    --kid | --aud | --iss | --sub | --scope | --require-scope | --now | --expires-in | --jti | --leeway | --claim)
      return
      ;;
  esac
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
  elif [ "${COMP_WORDS[1]}" = jwk ] && [ "$COMP_CWORD" -eq 2 ]; then
    mapfile -t COMPREPLY < <(compgen -W new -- "$cur")
  elif [ "${COMP_WORDS[1]}" = scopes ]; then
    # The entities, from the tool's own catalogue (the grid's first column).
    mapfile -t COMPREPLY < <(compgen -W "$("${COMP_WORDS[0]}" scopes 2>/dev/null | awk 'NR > 1 { print $1 }')" -- "$cur")
  fi
}
complete -o default -F _jwtcore jwtcore
