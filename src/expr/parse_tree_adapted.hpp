// Boost.Fusion adaptation of the parse tree, so X3 can fill the structs from
// rule attributes. Only the members a rule synthesises are listed: spans and
// the converted number values are written by on_success handlers instead.
#pragma once

#include <boost/fusion/include/adapt_struct.hpp>

#include "expr/parse_tree.hpp"

BOOST_FUSION_ADAPT_STRUCT(contrascreen::expr::parse_tree::BoolLiteral, value_)
BOOST_FUSION_ADAPT_STRUCT(contrascreen::expr::parse_tree::NumberLiteral, text_, suffix_)
BOOST_FUSION_ADAPT_STRUCT(contrascreen::expr::parse_tree::StringLiteral, value_)
BOOST_FUSION_ADAPT_STRUCT(contrascreen::expr::parse_tree::Identifier, name_)
BOOST_FUSION_ADAPT_STRUCT(contrascreen::expr::parse_tree::BinaryToken, op_)
BOOST_FUSION_ADAPT_STRUCT(contrascreen::expr::parse_tree::UnaryToken, op_)
BOOST_FUSION_ADAPT_STRUCT(contrascreen::expr::parse_tree::IdentOrCall, name_, arguments_)
BOOST_FUSION_ADAPT_STRUCT(contrascreen::expr::parse_tree::ListLiteral, elements_)
BOOST_FUSION_ADAPT_STRUCT(contrascreen::expr::parse_tree::MemberSuffix, name_, arguments_)
BOOST_FUSION_ADAPT_STRUCT(contrascreen::expr::parse_tree::Postfix, primary_, suffixes_)
BOOST_FUSION_ADAPT_STRUCT(contrascreen::expr::parse_tree::Unary, operators_, operand_)
BOOST_FUSION_ADAPT_TPL_STRUCT((Operand), (contrascreen::expr::parse_tree::Link)(Operand), operator_, operand_)
BOOST_FUSION_ADAPT_TPL_STRUCT((Operand), (contrascreen::expr::parse_tree::Chain)(Operand), first_, rest_)
BOOST_FUSION_ADAPT_STRUCT(contrascreen::expr::parse_tree::Branches, then_, else_)
BOOST_FUSION_ADAPT_STRUCT(contrascreen::expr::parse_tree::Expression, condition_, branches_)
BOOST_FUSION_ADAPT_STRUCT(contrascreen::expr::parse_tree::Parenthesized, inner_)
BOOST_FUSION_ADAPT_STRUCT(contrascreen::expr::parse_tree::IndexSuffix, index_)
