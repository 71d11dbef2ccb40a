#pragma once
/// \file
/// A decision as a CDS Hooks 2.0 response (docs/fhir.md): `{"cards": [...]}` with one card
/// per refuse or refer reason (indicator `critical` for refuse, `warning` for refer) and one
/// per advice (`info`), in the decision's order; an allowed intake without advice is
/// `{"cards": []}`. Every card's content is the Decision's own (RuleSet::decide), so the
/// cards say what the JSON output says.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "contrascreen/decision.hpp"
#include "contrascreen/ruleset.hpp"

namespace contrascreen {

/// The longest card summary, in code points: CDS Hooks asks for fewer than 140.
inline constexpr std::size_t cds_hooks_summary_limit = 139;

/// `decision` as a CDS Hooks response, one line of compact JSON without a trailing newline.
/// `ruleset` is the rule set that decided: it gives the prompts of the questions to ask, in
/// decision.language. Pure; thread-safe.
std::string to_cds_hooks(const Decision& decision, const RuleSet& ruleset);

/// The summary of a card for `message`: its whitespace collapsed, and when longer than
/// cds_hooks_summary_limit code points, cut at the last word that fits, with "…" appended.
std::string cds_hooks_summary(std::string_view message);

/// A card's `uuid`: a name-based UUID (version 8 with SHA-256, as in RFC 9562 appendix B.2)
/// of the rule set's sha256, the rule id and the intake id (none: the intake had no id), so
/// the same decision always gives the same cards and a card names the policy that made it.
std::string cds_hooks_card_uuid(std::string_view ruleset_sha256, std::string_view rule,
                                const std::optional<std::string>& id);

}  // namespace contrascreen
