#include "app/settings/serversettingsedit.h"

#include <QTest>

using wslab::app::settingsAfterEdit;
using wslab::server::ServerSettings;

namespace {

// A value for every field, different from the defaults and from `base`'s.
ServerSettings allChanged(const ServerSettings &base, int step)
{
    ServerSettings s = base;
    s.bindAddress = QStringLiteral("127.0.0.%1").arg(1 + step);
    s.port = quint16(base.port + step);
    s.allowedOrigins = QStringList{QStringLiteral("http://example.test:%1").arg(step)};
    s.allowAnyOrigin = !base.allowAnyOrigin;
    s.maxHeadSize = base.maxHeadSize + step;
    s.handshakeTimeoutMs = base.handshakeTimeoutMs + step;
    s.maxFramePayload = base.maxFramePayload + step;
    s.maxMessageSize = base.maxMessageSize + step;
    s.outgoingFragmentSize = base.outgoingFragmentSize + step;
    s.pingIntervalMs = base.pingIntervalMs + step;
    s.closeTimeoutMs = base.closeTimeoutMs + step;
    s.maxConnections = base.maxConnections + step;
    s.longPollTimeoutMs = base.longPollTimeoutMs + step;
    s.maxPostBody = base.maxPostBody + step;
    s.maxWriteBuffer = base.maxWriteBuffer + step;
    s.chatHistoryLimit = base.chatHistoryLimit + step;
    s.chatHistoryBytes = base.chatHistoryBytes + step;
    s.staticRoot = QStringLiteral("/srv/www%1").arg(step);
    s.captureEnabled = !base.captureEnabled;
    s.capturePayloadCap = base.capturePayloadCap + step;
    s.echoEverywhere = !base.echoEverywhere;
    s.permessageDeflate = !base.permessageDeflate;
    return s;
}

} // namespace

class tst_ServerSettingsEdit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nothingEditedKeepsWhatRuns();
    void everyEditedFieldIsTaken();
    void editedFieldWinsOverTheCommandLine();
};

// Started with --allow-origin and --max-message: OK without changes keeps them.
void tst_ServerSettingsEdit::nothingEditedKeepsWhatRuns()
{
    const ServerSettings saved;
    ServerSettings running = saved;
    running.allowedOrigins = {QStringLiteral("http://localhost:3000")};
    running.maxMessageSize = 1024;
    QCOMPARE(settingsAfterEdit(running, saved, saved), running);
}

// Fails if a field of ServerSettings is left out of the edit.
void tst_ServerSettingsEdit::everyEditedFieldIsTaken()
{
    const ServerSettings before;
    const ServerSettings running = allChanged(before, 1);
    const ServerSettings after = allChanged(before, 2);
    QVERIFY(running != after);
    QCOMPARE(settingsAfterEdit(running, before, after), after);
}

void tst_ServerSettingsEdit::editedFieldWinsOverTheCommandLine()
{
    const ServerSettings before;
    ServerSettings running = before;
    running.maxMessageSize = 1024;     // --max-message 1024
    running.allowAnyOrigin = true;     // --allow-origin '*'
    ServerSettings after = before;
    after.maxMessageSize = 4096;       // edited in the dialog
    const ServerSettings result = settingsAfterEdit(running, before, after);
    QCOMPARE(result.maxMessageSize, qint64(4096));
    QVERIFY(result.allowAnyOrigin);    // not edited: the command line still holds
    QCOMPARE(result.port, running.port);
}

QTEST_GUILESS_MAIN(tst_ServerSettingsEdit)
#include "tst_serversettingsedit.moc"
