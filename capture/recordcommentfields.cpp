#include "recordcommentfields.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstring>

namespace wslab::capture {

namespace {

constexpr int maximumDepth = 16; // nested objects and arrays, to bound the skip

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

} // namespace

void RecordCommentFields::skipSpace()
{
    while (m_at < m_text.size() && isSpace(m_text[m_at]))
        ++m_at;
}

// At an opening quote: moves past the closing one; `contents` is what lies between.
bool RecordCommentFields::skipString(QByteArrayView &contents)
{
    const qsizetype start = ++m_at;
    while (m_at < m_text.size()) {
        const char c = m_text[m_at];
        if (c == '"') {
            contents = m_text.sliced(start, m_at - start);
            ++m_at;
            return true;
        }
        if (uchar(c) < 0x20)
            return false; // RFC 8259 §7: control characters must be escaped
        m_at += c == '\\' ? 2 : 1;
    }
    return false;
}

bool RecordCommentFields::skipValue(Kind &kind, QByteArrayView &value)
{
    skipSpace();
    if (m_at >= m_text.size())
        return false;
    const qsizetype start = m_at;
    const char c = m_text[m_at];
    if (c == '"') {
        kind = Kind::String;
        return skipString(value);
    }
    if (c == '{' || c == '[') {
        // Only its extent matters here: brackets counted outside strings.
        kind = c == '{' ? Kind::Object : Kind::Array;
        int depth = 0;
        while (m_at < m_text.size()) {
            const char d = m_text[m_at];
            if (d == '"') {
                QByteArrayView ignored;
                if (!skipString(ignored))
                    return false;
                continue;
            }
            if (d == '{' || d == '[') {
                if (++depth > maximumDepth)
                    return false;
            } else if (d == '}' || d == ']') {
                if (--depth == 0) {
                    ++m_at;
                    value = m_text.sliced(start, m_at - start);
                    return true;
                }
            }
            ++m_at;
        }
        return false;
    }
    while (m_at < m_text.size() && m_text[m_at] != ',' && m_text[m_at] != '}' && !isSpace(m_text[m_at]))
        ++m_at;
    value = m_text.sliced(start, m_at - start);
    if (value == "true")
        kind = Kind::True;
    else if (value == "false")
        kind = Kind::False;
    else if (value == "null")
        kind = Kind::Null;
    else if (!value.isEmpty() && (value[0] == '-' || (value[0] >= '0' && value[0] <= '9')))
        kind = Kind::Number;
    else
        return false;
    return true;
}

bool RecordCommentFields::parse(QByteArrayView json)
{
    m_text = json;
    m_at = 0;
    m_fields.clear();
    m_keyMask = 0;
    skipSpace();
    if (m_at >= m_text.size() || m_text[m_at] != '{')
        return false;
    ++m_at;
    skipSpace();
    if (m_at < m_text.size() && m_text[m_at] == '}') {
        ++m_at;
    } else {
        for (;;) {
            skipSpace();
            Field field{};
            if (m_at >= m_text.size() || m_text[m_at] != '"' || !skipString(field.key))
                break;
            skipSpace();
            if (m_at >= m_text.size() || m_text[m_at] != ':')
                break;
            ++m_at;
            if (!skipValue(field.kind, field.value))
                break;
            m_fields.append(field);
            m_keyMask |= keyBit(field.key);
            skipSpace();
            if (m_at < m_text.size() && m_text[m_at] == ',') {
                ++m_at;
                continue;
            }
            if (m_at < m_text.size() && m_text[m_at] == '}') {
                ++m_at;
                skipSpace();
                if (m_at == m_text.size())
                    return true;
            }
            break;
        }
        m_fields.clear();
        return false;
    }
    skipSpace();
    if (m_at != m_text.size())
        m_fields.clear();
    return m_at == m_text.size();
}

const RecordCommentFields::Field *RecordCommentFields::find(QByteArrayView key) const
{
    // Some twenty lookups a record among a dozen fields, most of them for keys the record does not
    // have: a 64-bit mask of the keys present answers those at once, and the length and the first
    // letter tell most others apart without a call to compare memory.
    if (!(m_keyMask & keyBit(key)))
        return nullptr;
    for (const Field &field : m_fields) {
        if (field.key.size() == key.size() && (key.isEmpty() || field.key[0] == key[0])
            && std::memcmp(field.key.data(), key.data(), size_t(key.size())) == 0)
            return &field;
    }
    return nullptr;
}

qint64 RecordCommentFields::integer(QByteArrayView key, qint64 missing) const
{
    const Field *field = find(key);
    if (!field || field->kind != Kind::Number)
        return missing;
    bool ok = false;
    const qint64 value = field->value.toLongLong(&ok);
    if (ok)
        return value;
    // A number written with a fraction or exponent, as QJsonValue::toInteger() would take it.
    const double real = field->value.toDouble(&ok);
    return ok && real >= -9.2e18 && real <= 9.2e18 && qint64(real) == real ? qint64(real) : missing;
}

bool RecordCommentFields::boolean(QByteArrayView key) const
{
    const Field *field = find(key);
    return field && field->kind == Kind::True;
}

QString RecordCommentFields::string(QByteArrayView key) const
{
    const Field *field = find(key);
    if (!field || field->kind != Kind::String)
        return {};
    if (!field->value.contains('\\'))
        return QString::fromUtf8(field->value);
    // Escapes (\n, \", \uXXXX and surrogate pairs): Qt's parser decodes the one string.
    QByteArray wrapped;
    wrapped.reserve(field->value.size() + 2);
    wrapped.append('[').append('"').append(field->value).append('"').append(']');
    return QJsonDocument::fromJson(wrapped).array().at(0).toString();
}

QJsonObject RecordCommentFields::object(QByteArrayView key) const
{
    const Field *field = find(key);
    if (!field || field->kind != Kind::Object)
        return {};
    return QJsonDocument::fromJson(field->value.toByteArray()).object();
}

} // namespace wslab::capture
