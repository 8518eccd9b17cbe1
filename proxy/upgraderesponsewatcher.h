#pragma once

#include "server/protocol/deflateoffer.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace wslab::proxy {

// Reads the upstream's first response head as it passes, for intercept: whether it switches to
// WebSocket (101, RFC 6455 §4.2.2), where the frames begin, and which permessage-deflate parameters
// were agreed (RFC 7692 §7.1). With `noClientContextTakeover` it adds client_no_context_takeover
// to an agreement that lacks it (a server may always send it, §7.1.1.2), so the browser compresses
// each message on its own. Later bytes pass untouched: keep-alive requests after a first answer that
// was not 101 are not followed.
class UpgradeResponseWatcher
{
public:
    explicit UpgradeResponseWatcher(bool noClientContextTakeover);

    // The bytes to forward for the bytes read. The head is held until it is whole (at most 64 KiB;
    // a longer one, or one that is not HTTP, passes as it is and nothing is learnt).
    [[nodiscard]] QByteArray feed(QByteArrayView bytes);

    [[nodiscard]] bool isDone() const noexcept { return m_done; }
    [[nodiscard]] bool isUpgraded() const noexcept { return m_upgraded; }
    // Bytes of the head as forwarded: the frames begin after them in the feed that finished it.
    [[nodiscard]] qsizetype headSize() const noexcept { return m_headSize; }
    [[nodiscard]] const std::optional<protocol::DeflateParameters> &deflate() const noexcept { return m_deflate; }
    // What was changed in the head, or what the learner should know about the agreement; empty if
    // nothing. `isModified()`: the head was changed.
    [[nodiscard]] const QString &note() const noexcept { return m_note; }
    [[nodiscard]] bool isModified() const noexcept { return m_modified; }
    [[nodiscard]] qsizetype heldBytes() const noexcept { return m_head.size(); }

private:
    [[nodiscard]] QByteArray readHead(const QByteArray &head);

    bool m_noClientContextTakeover;
    QByteArray m_head;
    bool m_done = false;
    bool m_upgraded = false;
    bool m_modified = false;
    qsizetype m_headSize = 0;
    std::optional<protocol::DeflateParameters> m_deflate;
    QString m_note;
};

} // namespace wslab::proxy
