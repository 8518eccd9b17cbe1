#pragma once

// What the end-to-end tests read from the chat page the server serves, whichever browser runs it:
// scripts that look at the page as a person sees it, and the small decodings the checks share.

#include <QJsonArray>
#include <QJsonDocument>
#include <QString>

namespace wslab::e2e {

// A JavaScript string literal for `text` (JSON's string syntax is JavaScript's).
[[nodiscard]] inline QString jsString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

// The page's socket is open and its composer ready.
inline const QString chatIsOpenScript = QStringLiteral(
        "document.getElementById('state-pill').dataset.tone === 'ok' && !document.getElementById('composer-send').disabled");

// A chat line with exactly this text is shown.
[[nodiscard]] inline QString messageShownScript(const QString &text)
{
    return QStringLiteral("[...document.querySelectorAll('#messages .entry--message .bubble__text')].some((e) => e.textContent === %1)")
            .arg(jsString(text));
}

// Picks `size` bytes in the lab's large-message box (as choosing it in the list does); the script
// returns the value the list then has.
[[nodiscard]] inline QString chooseLargeMessageSizeScript(int size)
{
    return QStringLiteral(R"JS((() => {
    const select = document.getElementById('lab-size');
    select.value = '%1';
    select.dispatchEvent(new Event('input', { bubbles: true }));
    return select.value;
})())JS").arg(size);
}

// The status code at the start of a close frame's payload (RFC 6455 §5.5.1), 0 without one.
[[nodiscard]] inline quint16 closeCodeOf(const QByteArray &payload)
{
    return payload.size() >= 2 ? quint16((quint8(payload.at(0)) << 8) | quint8(payload.at(1))) : 0;
}

} // namespace wslab::e2e
