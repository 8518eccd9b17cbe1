#include "app/settings/serversettingsedit.h"

namespace wslab::app {

server::ServerSettings settingsAfterEdit(const server::ServerSettings &running,
                                         const server::ServerSettings &savedBefore,
                                         const server::ServerSettings &savedAfter)
{
    using server::ServerSettings;
    ServerSettings result = running;
    const auto takeIfEdited = [&](auto ServerSettings::*field) {
        if (!(savedBefore.*field == savedAfter.*field))
            result.*field = savedAfter.*field;
    };
    // Every field of ServerSettings (the test compares a full edit with the saved result).
    takeIfEdited(&ServerSettings::bindAddress);
    takeIfEdited(&ServerSettings::port);
    takeIfEdited(&ServerSettings::allowedOrigins);
    takeIfEdited(&ServerSettings::allowAnyOrigin);
    takeIfEdited(&ServerSettings::maxHeadSize);
    takeIfEdited(&ServerSettings::handshakeTimeoutMs);
    takeIfEdited(&ServerSettings::maxFramePayload);
    takeIfEdited(&ServerSettings::maxMessageSize);
    takeIfEdited(&ServerSettings::outgoingFragmentSize);
    takeIfEdited(&ServerSettings::pingIntervalMs);
    takeIfEdited(&ServerSettings::closeTimeoutMs);
    takeIfEdited(&ServerSettings::maxConnections);
    takeIfEdited(&ServerSettings::longPollTimeoutMs);
    takeIfEdited(&ServerSettings::maxPostBody);
    takeIfEdited(&ServerSettings::maxWriteBuffer);
    takeIfEdited(&ServerSettings::chatHistoryLimit);
    takeIfEdited(&ServerSettings::chatHistoryBytes);
    takeIfEdited(&ServerSettings::staticRoot);
    takeIfEdited(&ServerSettings::captureEnabled);
    takeIfEdited(&ServerSettings::capturePayloadCap);
    takeIfEdited(&ServerSettings::echoEverywhere);
    takeIfEdited(&ServerSettings::permessageDeflate);
    return result;
}

} // namespace wslab::app
