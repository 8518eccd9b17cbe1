#include "utf8validator.h"

#include <array>
#include <cstring>

namespace wslab::protocol {

namespace {

// RFC 3629 §4 as a deterministic automaton. Every byte value falls in one of twelve classes; the
// state says what the rest of the current sequence may still be. The narrow second-byte ranges
// after E0, ED, F0 and F4 are what rule out overlong forms, surrogates and code points above
// U+10FFFF at the first byte that makes them impossible.
enum ByteClass : quint8 {
    Ascii,     // 00..7F
    Cont80,    // 80..8F
    Cont90,    // 90..9F
    ContA0,    // A0..BF
    Never,     // C0, C1 (overlong two-byte), F5..FF (above U+10FFFF or not UTF-8 at all)
    Lead2,     // C2..DF
    LeadE0,    // E0: second byte A0..BF, or it is overlong
    Lead3,     // E1..EC, EE, EF
    LeadED,    // ED: second byte 80..9F, or it is a surrogate (U+D800..U+DFFF)
    LeadF0,    // F0: second byte 90..BF, or it is overlong
    Lead4,     // F1..F3
    LeadF4,    // F4: second byte 80..8F, or it is above U+10FFFF
    ClassCount,
};

enum State : quint8 {
    Accept,  // between sequences
    Reject,  // sticky
    Tail1,   // one continuation byte (80..BF) left
    Tail2,   // two left
    Tail3,   // three left
    AfterE0, // A0..BF, then one more
    AfterED, // 80..9F, then one more
    AfterF0, // 90..BF, then two more
    AfterF4, // 80..8F, then two more
    StateCount,
};

constexpr int rowWidth = 16; // ClassCount rounded up, so a state times the width is a row start
static_assert(ClassCount <= rowWidth);
static_assert(StateCount * rowWidth <= 256, "pre-multiplied states must fit a quint8");

constexpr ByteClass classify(int byte)
{
    if (byte < 0x80)
        return Ascii;
    if (byte < 0x90)
        return Cont80;
    if (byte < 0xA0)
        return Cont90;
    if (byte < 0xC0)
        return ContA0;
    if (byte < 0xC2)
        return Never;
    if (byte < 0xE0)
        return Lead2;
    if (byte == 0xE0)
        return LeadE0;
    if (byte == 0xED)
        return LeadED;
    if (byte < 0xF0)
        return Lead3;
    if (byte == 0xF0)
        return LeadF0;
    if (byte < 0xF4)
        return Lead4;
    if (byte == 0xF4)
        return LeadF4;
    return Never;
}

constexpr bool isContinuation(ByteClass c)
{
    return c == Cont80 || c == Cont90 || c == ContA0;
}

constexpr State startSequence(ByteClass c)
{
    switch (c) {
    case Ascii: return Accept;
    case Lead2: return Tail1;
    case LeadE0: return AfterE0;
    case Lead3: return Tail2;
    case LeadED: return AfterED;
    case LeadF0: return AfterF0;
    case Lead4: return Tail3;
    case LeadF4: return AfterF4;
    default: return Reject; // a continuation byte with no lead, or a byte UTF-8 never uses
    }
}

constexpr State transition(State state, ByteClass c)
{
    switch (state) {
    case Accept: return startSequence(c);
    case Tail1: return isContinuation(c) ? Accept : Reject;
    case Tail2: return isContinuation(c) ? Tail1 : Reject;
    case Tail3: return isContinuation(c) ? Tail2 : Reject;
    case AfterE0: return c == ContA0 ? Tail1 : Reject;
    case AfterED: return c == Cont80 || c == Cont90 ? Tail1 : Reject;
    case AfterF0: return c == Cont90 || c == ContA0 ? Tail2 : Reject;
    case AfterF4: return c == Cont80 ? Tail2 : Reject;
    default: return Reject;
    }
}

constexpr std::array<quint8, 256> byteClasses = [] {
    std::array<quint8, 256> table{};
    for (int byte = 0; byte < 256; ++byte)
        table[byte] = classify(byte);
    return table;
}();

// Indexed by (pre-multiplied state + byte class); holds the pre-multiplied next state.
constexpr std::array<quint8, StateCount * rowWidth> transitions = [] {
    std::array<quint8, StateCount * rowWidth> table{};
    for (int state = 0; state < StateCount; ++state) {
        for (int c = 0; c < rowWidth; ++c) {
            const State next = c < ClassCount ? transition(State(state), ByteClass(c)) : Reject;
            table[state * rowWidth + c] = quint8(next * rowWidth);
        }
    }
    return table;
}();

// Where the first byte with the top bit set is, scanning eight bytes per step; `size` if none.
qsizetype skipAscii(const uchar *data, qsizetype from, qsizetype size) noexcept
{
    constexpr quint64 highBits = 0x8080'8080'8080'8080ull;
    qsizetype i = from;
    while (size - i >= 8) {
        quint64 word;
        std::memcpy(&word, data + i, sizeof word); // no alignment or aliasing assumptions
        if (word & highBits)
            break;
        i += 8;
    }
    while (i < size && data[i] < 0x80)
        ++i;
    return i;
}

} // namespace

static_assert(Accept * rowWidth == 0 && Reject * rowWidth == 16,
              "the header names these two states with the same values");

Utf8Validator::State Utf8Validator::feed(QByteArrayView bytes) noexcept
{
    if (m_codepointState == reject)
        return State::Invalid;

    const auto *data = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype size = bytes.size();
    quint8 state = m_codepointState;
    qsizetype i = 0;
    while (i < size) {
        if (state == accept && data[i] < 0x80) {
            // Text is mostly ASCII: skip runs of it eight bytes at a time; the automaton takes over
            // at the first byte with the top bit set.
            i = skipAscii(data, i, size);
            if (i == size)
                break;
        }
        state = transitions[state + byteClasses[data[i]]];
        if (state == reject) {
            m_codepointState = reject;
            m_errorOffset = m_fed + i;
            m_fed += i + 1;
            return State::Invalid;
        }
        ++i;
    }
    m_codepointState = state;
    m_fed += size;
    return this->state();
}

Utf8Validator::State Utf8Validator::state() const noexcept
{
    if (m_codepointState == accept)
        return State::Valid;
    if (m_codepointState == reject)
        return State::Invalid;
    return State::Incomplete;
}

bool Utf8Validator::isValid(QByteArrayView bytes) noexcept
{
    Utf8Validator validator;
    validator.feed(bytes);
    return validator.isCompleteAndValid();
}

} // namespace wslab::protocol
