#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QVarLengthArray>

namespace wslab::capture {

// The fields of one saved record's comment (a JSON object, CaptureFileWriter's metadata), read
// without building a QJsonDocument: a saved session has one such comment per record, and parsing
// each into Qt's JSON tree cost more than everything else the reader does. Values stay views into
// the comment until asked for; a nested object (TLS details) is handed to QJsonDocument, being rare.
// Input that is not a JSON object of scalars and objects fails the parse as a whole.
class RecordCommentFields
{
public:
    // False: not a well-formed JSON object; nothing is kept.
    [[nodiscard]] bool parse(QByteArrayView json);

    [[nodiscard]] bool contains(QByteArrayView key) const { return find(key) != nullptr; }
    [[nodiscard]] qint64 integer(QByteArrayView key, qint64 missing = 0) const;
    [[nodiscard]] bool boolean(QByteArrayView key) const;
    [[nodiscard]] QString string(QByteArrayView key) const;
    [[nodiscard]] QJsonObject object(QByteArrayView key) const;

private:
    enum class Kind : quint8 { Number, True, False, Null, String, Object, Array };
    struct Field
    {
        QByteArrayView key;   // as written, between the quotes (keys here have no escapes)
        QByteArrayView value; // strings without their quotes, escapes still in; objects whole
        Kind kind;
    };

    // One of 64 bits for a key; m_keyMask has the bits of every key present.
    // Inline and constexpr: for the reader's literal keys it is computed at compile time.
    [[nodiscard]] static constexpr quint64 keyBit(QByteArrayView key) noexcept
    {
        if (key.isEmpty())
            return 1;
        const unsigned mix = unsigned(key.size()) * 31u + uchar(key.front()) + uchar(key.back()) * 7u;
        return quint64(1) << (mix & 63u);
    }
    [[nodiscard]] const Field *find(QByteArrayView key) const;
    [[nodiscard]] bool skipValue(Kind &kind, QByteArrayView &value);
    [[nodiscard]] bool skipString(QByteArrayView &contents);
    void skipSpace();

    QByteArrayView m_text;
    qsizetype m_at = 0;
    QVarLengthArray<Field, 24> m_fields;
    quint64 m_keyMask = 0;
};

} // namespace wslab::capture
