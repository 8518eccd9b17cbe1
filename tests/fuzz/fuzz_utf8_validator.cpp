// Utf8Validator fed in pieces against two whole-buffer judges: a strict reference written from the
// table of well-formed byte sequences (Unicode §3.9, Table 3-7, which is RFC 3629 §4), and Qt's
// own decoder (a buffer is valid UTF-8 exactly when QString::fromUtf8 gives back the same bytes,
// but for a leading byte order mark, which it drops).
//   input: [splits] bytes
// Properties: the same verdict, the same offset of the first impossible byte, the same
// "ends inside a sequence" state, and isValid() agrees.

#include "fuzzinput.h"

#include "server/protocol/utf8validator.h"

#include <QString>

using wslab::fuzz::require;
using wslab::protocol::Utf8Validator;

namespace {

struct Verdict
{
    Utf8Validator::State state = Utf8Validator::State::Valid;
    qint64 errorOffset = -1;
};

// Table 3-7: the lead byte decides how many continuation bytes follow and the range of the first
// one; the others are 80..BF. A byte outside its range is where the text stops being UTF-8.
Verdict reference(QByteArrayView bytes)
{
    qsizetype i = 0;
    while (i < bytes.size()) {
        const auto lead = quint8(bytes[i]);
        int tail = 0;
        quint8 low = 0x80, high = 0xBF; // range of the first continuation byte
        if (lead < 0x80) {
            ++i;
            continue;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            tail = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            tail = 2;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            tail = 3;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return {Utf8Validator::State::Invalid, i};
        }
        for (int k = 1; k <= tail; ++k) {
            if (i + k >= bytes.size())
                return {Utf8Validator::State::Incomplete, -1};
            const auto byte = quint8(bytes[i + k]);
            if (byte < (k == 1 ? low : 0x80) || byte > (k == 1 ? high : 0xBF))
                return {Utf8Validator::State::Invalid, i + k};
        }
        i += tail + 1;
    }
    return {};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wslab::fuzz::FuzzInput input(data, size);
    const QByteArrayView splits = input.takeSplits();
    const QByteArrayView bytes = input.rest();

    Utf8Validator validator;
    for (const QByteArrayView piece : wslab::fuzz::cut(bytes, splits))
        validator.feed(piece);
    const Verdict expected = reference(bytes);
    require(validator.state() == expected.state, "the incremental verdict is the reference's");
    require(validator.errorOffset() == expected.errorOffset, "the first impossible byte is the reference's");
    const bool valid = expected.state == Utf8Validator::State::Valid;
    require(Utf8Validator::isValid(bytes) == valid, "isValid() agrees");
    // QString::fromUtf8 drops a leading byte order mark (valid UTF-8 that is not text).
    const QByteArrayView text = bytes.startsWith("\xef\xbb\xbf") ? bytes.sliced(3) : bytes;
    require((QString::fromUtf8(bytes).toUtf8() == text) == valid, "Qt's decoder agrees");
    return 0;
}
