#include "sentences.h"

namespace wslab::inspector {

namespace {

// CJK and full-width punctuation ("。", "，", "（"): it carries its own spacing.
bool isFullWidthPunctuation(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x3000 && u <= 0x303F) || (u >= 0xFE30 && u <= 0xFE4F) || (u >= 0xFF00 && u <= 0xFF0F)
        || (u >= 0xFF1A && u <= 0xFF20) || (u >= 0xFF3B && u <= 0xFF40) || (u >= 0xFF5B && u <= 0xFF65);
}

// CJK ideographs, kana, hangul and their punctuation: text that runs on without spaces.
bool isCjk(QChar c)
{
    const char16_t u = c.unicode();
    return isFullWidthPunctuation(c) || (u >= 0x2E80 && u <= 0x9FFF) || (u >= 0xAC00 && u <= 0xD7AF)
        || (u >= 0xF900 && u <= 0xFAFF);
}

} // namespace

QString Sentences::joined(const QStringList &parts)
{
    QString text;
    for (const QString &part : parts) {
        if (part.isEmpty())
            continue;
        // A sentence from the system may still be English: after its full stop, a space.
        if (!text.isEmpty() && !isCjk(text.back()) && !isFullWidthPunctuation(part.front()))
            text += QLatin1Char(' ');
        text += part;
    }
    return text;
}

} // namespace wslab::inspector
