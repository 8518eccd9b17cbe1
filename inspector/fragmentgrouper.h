#pragma once

#include "server/protocol/decodeerror.h"
#include "server/protocol/opcode.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace wslab::inspector {

class FrameCaptureModel;

// The frames that form one message (RFC 6455 §5.4) and the message they reassemble to.
struct FragmentGroup
{
    QList<int> rows;                     // model rows, first fragment first
    QList<quint64> ids;                  // their record ids
    QList<quint64> numbers;              // their numbers in the table (FrameCaptureModel::number())
    protocol::Opcode opcode = protocol::Opcode::Text;
    QByteArray payload;                  // reassembled (as far as the capture kept it)
    bool complete = false;               // the first fragment and the FIN = 1 fragment are both there
    std::optional<protocol::DecodeError> error; // what the message assembler said, if it objected
    // permessage-deflate (RFC 7692 §6): RSV1 on the first fragment. `payload` is then the DEFLATE
    // data as it crossed the wire and `inflated` the message the application got, when a record of
    // the group carries it (CaptureRecord::inflatedPayload; cut to the capture's cap, `inflatedSize`
    // is the real size).
    bool compressed = false;
    std::optional<QByteArray> inflated;
    qint64 inflatedSize = -1;
    qint64 deflatedSize = 0; // payload bytes of the group's frames on the wire

    [[nodiscard]] bool isFragmented() const noexcept { return rows.size() > 1; }
};

// Finds the message a data frame belongs to: the frames of the same connection and direction from
// the one that started it (text/binary, FIN = 0) to the one that ended it (FIN = 1), skipping the
// control frames and other connections' frames interleaved with them (§5.4). Reassembly goes
// through protocol::MessageAssembler. Scans at most `scanLimit` rows each way.
class FragmentGrouper
{
public:
    static constexpr int defaultScanLimit = 10'000;

    [[nodiscard]] static FragmentGroup find(const FrameCaptureModel &model, int row, int scanLimit = defaultScanLimit);
};

} // namespace wslab::inspector
