#pragma once

#include <QTranslator>

namespace wslab::app {

// English plurals for the source strings. A count is written "%n frame(s)" in the source (as Qt's
// tr() documents), and without a translation English would read "1 frame(s)", "12 frame(s)".
// This translator answers only such strings, in English: "(s)" goes for a count of one and
// becomes "s" for any other. Installed before the language's own translator, which is asked
// first, so Chinese keeps its strings.
class EnglishPlurals : public QTranslator
{
    Q_OBJECT
public:
    using QTranslator::QTranslator;

    [[nodiscard]] QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr,
                                    int n = -1) const override;
    [[nodiscard]] bool isEmpty() const override { return false; }
};

} // namespace wslab::app
