#include "app/transports/demotally.h"

#include "server/protocol/frameheader.h"

#include <algorithm>

namespace wslab::app {

void DemoTally::countRequest(qint64 headBytes, qint64 bodyBytes)
{
    ++requests;
    headerBytes += quint64(std::max<qint64>(headBytes, 0));
    payloadBytes += quint64(std::max<qint64>(bodyBytes, 0));
}

void DemoTally::countAnswer(qint64 headBytes, qint64 bodyBytes, qsizetype entries)
{
    ++answers;
    if (entries == 0)
        ++wasted;
    headerBytes += quint64(std::max<qint64>(headBytes, 0));
    payloadBytes += quint64(std::max<qint64>(bodyBytes, 0));
}

void DemoTally::countFrame(qint64 payload)
{
    const auto length = quint64(std::max<qint64>(payload, 0));
    ++frames;
    headerBytes += quint64(protocol::headerSize(protocol::minimalLengthForm(length), false));
    payloadBytes += length;
}

void DemoTally::countDelivery(qint64 latencyMs)
{
    ++delivered;
    latenciesMs.append(std::max<qint64>(latencyMs, 0));
}

} // namespace wslab::app
