#include "app/lessons/answercheck.h"

#include "server/protocol/acceptderivation.h"
#include "server/protocol/masking.h"

#include <QRegularExpression>

namespace wslab::app {

AnswerCheck AnswerCheck::xorBytes(const QByteArray &masked, const protocol::MaskKey &key, quint64 recordId)
{
    AnswerCheck check;
    check.m_kind = Kind::Xor;
    check.m_masked = masked.left(4);
    check.m_key = key;
    check.m_recordId = recordId;
    return check;
}

AnswerCheck AnswerCheck::accept(const QByteArray &key)
{
    AnswerCheck check;
    check.m_kind = Kind::Accept;
    check.m_acceptKey = key;
    return check;
}

AnswerCheck AnswerCheck::field(const QList<protocol::FieldId> &fields)
{
    AnswerCheck check;
    check.m_kind = Kind::Field;
    check.m_fields = fields;
    return check;
}

std::optional<QByteArray> AnswerCheck::parseHexBytes(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("0[xX]|[\\s,:;]"));
    QString digits = text;
    digits.remove(separators);
    if (digits.isEmpty() || digits.size() % 2 != 0)
        return std::nullopt;
    static const QRegularExpression hexOnly(QStringLiteral("^[0-9a-fA-F]+$"));
    if (!hexOnly.match(digits).hasMatch())
        return std::nullopt;
    return QByteArray::fromHex(digits.toLatin1());
}

bool AnswerCheck::isCorrect(const QString &answer) const
{
    switch (m_kind) {
    case Kind::Xor: {
        const std::optional<QByteArray> bytes = parseHexBytes(answer);
        return bytes && !m_masked.isEmpty() && *bytes == QByteArray::fromHex(expected().toLatin1());
    }
    case Kind::Accept:
        // Base64 is case-sensitive; only the spaces around a pasted value are forgiven.
        return !m_acceptKey.isEmpty() && answer.trimmed() == expected();
    case Kind::Field:
        return false;
    }
    return false;
}

QString AnswerCheck::expected() const
{
    switch (m_kind) {
    case Kind::Xor: {
        QByteArray plain = m_masked;
        protocol::applyMask(plain.data(), plain.size(), m_key);
        return QString::fromLatin1(plain.toHex(' '));
    }
    case Kind::Accept:
        return QString::fromLatin1(protocol::deriveAccept(m_acceptKey).accept);
    case Kind::Field:
        return {};
    }
    return {};
}

} // namespace wslab::app
