#pragma once

#include <QStringList>

namespace wslab::inspector {

// Puts translated sentences (and parenthesised remarks) one after the other the way their script
// does: a space between Latin text, none next to CJK text or full-width punctuation, so Chinese
// reads "…的。另一个…" and "…字节（…）", not "。 另" or "字节 （".
class Sentences
{
public:
    [[nodiscard]] static QString joined(const QStringList &parts);
};

} // namespace wslab::inspector
