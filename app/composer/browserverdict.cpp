#include "app/composer/browserverdict.h"

#include "server/protocol/framestreamvalidator.h"

namespace wslab::app {

using namespace protocol;

std::optional<BrowserVerdict::Violation> BrowserVerdict::firstViolation(const QList<ComposedFrame> &frames, Role receiver)
{
    FrameStreamValidator browser({receiver});
    for (int index = 0; index < frames.size(); ++index) {
        if (const auto error = browser.feed(frames.at(index).wireBytes()))
            return Violation{index, *error};
    }
    return std::nullopt;
}

bool BrowserVerdict::leavesMessageOpen(const QList<ComposedFrame> &frames, Role receiver)
{
    FrameStreamValidator browser({receiver});
    for (const ComposedFrame &composed : frames)
        browser.feed(composed.wireBytes());
    return !browser.hasFailed() && browser.isMessageInProgress();
}

} // namespace wslab::app
