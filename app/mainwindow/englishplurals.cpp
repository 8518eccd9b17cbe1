#include "englishplurals.h"

namespace wslab::app {

QString EnglishPlurals::translate(const char *context, const char *sourceText, const char *disambiguation, int n) const
{
    Q_UNUSED(context)
    Q_UNUSED(disambiguation)
    static constexpr QLatin1StringView marker("(s)");
    if (n < 0 || !sourceText)
        return {};
    QString text = QString::fromUtf8(sourceText);
    if (!text.contains(marker))
        return {};
    return text.replace(marker, n == 1 ? QString() : QStringLiteral("s"));
}

} // namespace wslab::app
