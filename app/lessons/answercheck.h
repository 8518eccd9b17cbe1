#pragma once

#include "server/protocol/frameheader.h"
#include "server/protocol/headerlayout.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace wslab::app {

// A question and how to judge an answer to it. The expected answer is always computed from the
// question with the protocol layer's own functions, never stored beside it.
class AnswerCheck
{
public:
    enum class Kind : quint8 { Xor, Accept, Field };

    // RFC 6455 §5.3: the learner unmasks `masked` (up to four bytes) with `key` by hand;
    // `recordId` names the captured frame they come from (0: an example, not a capture).
    [[nodiscard]] static AnswerCheck xorBytes(const QByteArray &masked, const protocol::MaskKey &key,
                                              quint64 recordId = 0);
    // RFC 6455 §4.2.2: the learner derives Sec-WebSocket-Accept for `key`.
    [[nodiscard]] static AnswerCheck accept(const QByteArray &key);
    // The learner clicks a field of the bit diagram; any of `fields` is right.
    [[nodiscard]] static AnswerCheck field(const QList<protocol::FieldId> &fields);

    [[nodiscard]] Kind kind() const noexcept { return m_kind; }
    [[nodiscard]] bool isCorrect(const QString &answer) const;
    [[nodiscard]] bool isCorrect(protocol::FieldId field) const { return m_fields.contains(field); }
    // What a right answer is, as the learner would type it ("48 65 6c 6c", the accept).
    [[nodiscard]] QString expected() const;

    [[nodiscard]] QByteArray masked() const { return m_masked; }
    [[nodiscard]] protocol::MaskKey maskKey() const noexcept { return m_key; }
    [[nodiscard]] quint64 recordId() const noexcept { return m_recordId; }
    [[nodiscard]] QByteArray acceptKey() const { return m_acceptKey; }

    // "48 65 6C 6c", "0x48,0x65", "48656c6c": bytes, or nothing when it is not hex.
    [[nodiscard]] static std::optional<QByteArray> parseHexBytes(const QString &text);

private:
    AnswerCheck() = default;

    Kind m_kind = Kind::Xor;
    QByteArray m_masked;
    protocol::MaskKey m_key{};
    quint64 m_recordId = 0;
    QByteArray m_acceptKey;
    QList<protocol::FieldId> m_fields;
};

} // namespace wslab::app
