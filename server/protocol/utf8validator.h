#pragma once

#include <QByteArrayView>

namespace wslab::protocol {

// Incremental UTF-8 validation (RFC 3629, as RFC 6455 §8.1 requires): overlong forms, surrogates
// (U+D800-U+DFFF) and code points above U+10FFFF are rejected at the first byte that makes the
// sequence impossible, so a text message fails fast even when the bad byte sits in a later fragment.
class Utf8Validator
{
public:
    enum class State : quint8 {
        Valid,      // everything so far is complete, valid UTF-8
        Incomplete, // valid so far, but ends inside a multi-byte sequence
        Invalid,    // sticky
    };

    // Validates the next piece of the stream. Returns the state after it.
    State feed(QByteArrayView bytes) noexcept;

    // The end of the stream: a sequence still open is an error.
    [[nodiscard]] bool isCompleteAndValid() const noexcept { return state() == State::Valid; }
    [[nodiscard]] bool hasFailed() const noexcept { return m_codepointState == reject; }
    [[nodiscard]] State state() const noexcept;
    // The offset (from the start of everything fed) of the byte that made the stream invalid.
    [[nodiscard]] qint64 errorOffset() const noexcept { return m_errorOffset; }
    void reset() noexcept { *this = Utf8Validator(); }

    [[nodiscard]] static bool isValid(QByteArrayView bytes) noexcept;

    // Bytes fed so far (bytes after the first invalid one are not counted).
    [[nodiscard]] qint64 bytesFed() const noexcept { return m_fed; }

private:
    // States of the DFA in utf8validator.cpp, stored pre-multiplied by the width of a transition
    // table row so that one lookup (state + byte class) gives the next state.
    static constexpr quint8 accept = 0;
    static constexpr quint8 reject = 16;
    quint8 m_codepointState = accept;
    qint64 m_fed = 0;
    qint64 m_errorOffset = -1;
};

} // namespace wslab::protocol
