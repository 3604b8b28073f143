// tools/jwtcore/cmd_scopes.cpp: `jwtcore scopes`: the Management API scope
// catalogue as an entity x action grid (the explorer's token generator: pick
// an entity, tick its actions), or the scopes of one entity.
#include <algorithm>  // std::sort, std::unique, std::find, std::min, std::binary_search
#include <iterator>   // std::begin, std::end, std::size
#include <string>     // the lines
#include <vector>     // entities and actions

#include <jwtcore/scopes.hpp>  // management_api_scopes, scope_action, scope_entity, is_current_user_scope

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"

namespace jwtcore_cli {

const std::string_view scopes_help = R"(usage: jwtcore scopes [ENTITY]

Without ENTITY: the Management API scope catalogue as a grid, one row per
entity (sorted), one column per action (read, create, update, delete,
blacklist); "x" marks a scope action:entity that exists, "u" one that belongs
to the signed-in user's own token (read:current_user, ...) and that mint
refuses.

With ENTITY (e.g. users): that entity's scopes, one per line, in the column
order, ready for --scope.

exit status: 0 printed; 2 usage error or unknown ENTITY (with a "did you
mean" when one is close).
)";

namespace {

constexpr std::string_view command = "scopes";
// The grid's columns, in the explorer's order; any other action found in the
// catalogue is added after them.
constexpr std::string_view preferred_actions[] = {"read", "create", "update", "delete", "blacklist"};

struct catalogue_view {
  std::vector<std::string_view> entities;  // sorted, distinct
  std::vector<std::string_view> actions;   // preferred order, then sorted
};

catalogue_view view_catalogue() {
  catalogue_view view;
  std::vector<std::string_view> others;
  for (const std::string_view scope : jwtcore::management_api_scopes) {
    view.entities.push_back(jwtcore::scope_entity(scope));
    const std::string_view action = jwtcore::scope_action(scope);
    if (std::find(std::begin(preferred_actions), std::end(preferred_actions), action) == std::end(preferred_actions)) {
      others.push_back(action);
    }
  }
  std::sort(view.entities.begin(), view.entities.end());
  view.entities.erase(std::unique(view.entities.begin(), view.entities.end()), view.entities.end());
  std::sort(others.begin(), others.end());
  others.erase(std::unique(others.begin(), others.end()), others.end());
  view.actions.assign(std::begin(preferred_actions), std::end(preferred_actions));
  view.actions.insert(view.actions.end(), others.begin(), others.end());
  return view;
}

std::string scope_name(std::string_view action, std::string_view entity) {
  return std::string(action) + ":" + std::string(entity);
}

bool exists(const std::string& scope) { return jwtcore::is_known_scope(scope); }

void trim_right(std::string& line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
}

std::string grid(const catalogue_view& view) {
  std::size_t width = std::string_view("entity").size();
  for (const std::string_view entity : view.entities) width = std::max(width, entity.size());

  std::string out = "entity";
  out.append(width - out.size(), ' ');
  for (const std::string_view action : view.actions) {
    out += "  ";
    out += action;
  }
  out.push_back('\n');
  for (const std::string_view entity : view.entities) {
    std::string line(entity);
    line.append(width - entity.size(), ' ');
    for (const std::string_view action : view.actions) {
      const std::string scope = scope_name(action, entity);
      const char mark = !exists(scope) ? ' ' : jwtcore::is_current_user_scope(scope) ? 'u' : 'x';
      const std::size_t centre = (action.size() - 1) / 2;
      line += "  ";
      line.append(centre, ' ');
      line.push_back(mark);
      line.append(action.size() - centre - 1, ' ');
    }
    trim_right(line);
    out += line;
    out.push_back('\n');
  }
  out += "\nx: the scope action:entity exists; u: a scope of the signed-in user's own token, refused by mint.\n";
  out += std::to_string(std::size(jwtcore::management_api_scopes)) + " scopes, " +
         std::to_string(view.entities.size()) + " entities; 'jwtcore scopes ENTITY' lists one entity's scopes.\n";
  return out;
}

// The closest entity when it is a plausible typo (the library's rule).
std::string_view nearest_entity(const catalogue_view& view, std::string_view wanted) {
  return jwtcore::nearest_name(wanted, view.entities.data(), view.entities.size());
}

int list_entity(const catalogue_view& view, std::string_view entity) {
  if (!std::binary_search(view.entities.begin(), view.entities.end(), entity)) {
    std::string text = quoted(entity) + " is not an entity of the Management API catalogue";
    if (const std::string_view near =
            nearest_entity(view, jwtcore::scope_entity(entity).empty() ? entity : jwtcore::scope_entity(entity));
        !near.empty()) {
      text += "; did you mean " + quoted(near) + "?";
    } else {
      text += "; 'jwtcore scopes' shows them all";
    }
    return report(command, "unknown_entity", text, exit_usage);
  }
  std::string out;
  for (const std::string_view action : view.actions) {
    const std::string scope = scope_name(action, entity);
    if (exists(scope)) out += scope + "\n";
  }
  write_out(out);
  return finish_output(command, exit_ok);
}

}  // namespace

int run_scopes(const arguments& args) {
  arg_reader reader(args);
  std::string_view entity;
  bool has_entity = false, help = false;
  while (reader.more()) {
    if (reader.at_positional()) {
      if (has_entity) reader.fail("scopes takes at most one ENTITY");
      entity = reader.take_positional();
      has_entity = true;
    } else if (reader.flag("--help") || reader.flag("-h")) {
      help = true;
      break;
    } else {
      reader.unknown(command);
    }
  }
  if (help && reader.ok()) return print_help(command, scopes_help);
  if (!reader.ok()) return usage_error(command, reader.error());

  const catalogue_view view = view_catalogue();
  if (has_entity) return list_entity(view, entity);
  write_out(grid(view));
  return finish_output(command, exit_ok);
}

}  // namespace jwtcore_cli
