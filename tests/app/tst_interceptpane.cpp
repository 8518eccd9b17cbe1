// The Intercept pane in front of a real upstream this project did not write (Python websockets, an
// echo at /ws: tests/e2e/tools/page_upstream.py), with Qt's QWebSocket as the browser, and wslab's
// own client where the browser must offer permessage-deflate. Held frames are listed; Forward,
// Drop, Edit and Inject reach the real peers; the capture marks what the proxy changed and the
// frame pane shows the original and the forwarded bytes side by side.

#include "e2e/pythonupstream.h"

#include "app/intercept/frameeditdialog.h"
#include "app/intercept/heldframemodel.h"
#include "app/intercept/interceptpane.h"
#include "app/mainwindow/proxyhost.h"
#include "app/settings/proxypreferences.h"

#include "capture/capturestream.h"
#include "capture/liverecorder.h"
#include "client/clientconnection.h"
#include "inspector/framedetailpane.h"
#include "inspector/interventionview.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QWebSocket>

using namespace wslab;
using namespace wslab::app;
using capture::Direction;
using capture::FrameIntervention;

namespace {

constexpr int waitMs = 10'000;

} // namespace

class tst_InterceptPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void heldBrowserFrameIsListedAndForwardDeliversIt();
    void dropWithTheKeyboardNeverReachesTheUpstream();
    void editedFrameReachesTheUpstreamAndIsShownBesideTheOriginal();
    void injectedFrameReachesTheBrowser();
    void compressedConnectionIsEditedAsTextAndRecompressed();
    void holdingWithoutInterceptSaysWhyAndOffersIt();

private:
    void startProxy(bool intercept);
    // A QWebSocket through the proxy to the upstream's /ws, open.
    void openBrowser();
    [[nodiscard]] QList<capture::CaptureRecord> interventions(FrameIntervention::Action action);

    std::unique_ptr<e2e::PythonUpstream> m_upstream;
    quint16 m_upstreamPort = 0;
    std::unique_ptr<ProxyHost> m_host;
    std::unique_ptr<InterceptPane> m_pane;
    std::unique_ptr<QWebSocket> m_browser;
    quint16 m_port = 0;
    capture::CaptureBatch m_records;
};

void tst_InterceptPane::init()
{
    m_upstream = std::make_unique<e2e::PythonUpstream>();
    m_upstreamPort = m_upstream->waitForPort();
    QVERIFY2(m_upstreamPort != 0, "the Python websockets upstream did not start (scripts/install-deps --test)");
    m_records.clear();
}

void tst_InterceptPane::cleanup()
{
    m_browser.reset();
    m_pane.reset();
    m_host.reset();
    m_upstream.reset();
}

void tst_InterceptPane::startProxy(bool intercept)
{
    ProxyPreferences preferences;
    preferences.upstreamUrl = QStringLiteral("ws://127.0.0.1:%1").arg(m_upstreamPort);
    preferences.intercept = intercept;
    server::ServerSettings listen;
    listen.port = 0;
    const auto settings = preferences.toProxySettings(listen, nullptr);
    QVERIFY(settings);
    m_host = std::make_unique<ProxyHost>();
    m_pane = std::make_unique<InterceptPane>(m_host.get());
    new QAbstractItemModelTester(m_pane->model(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 m_pane.get());
    m_pane->setProxyMode(true);
    QSignalSpy listening(m_host.get(), &ProxyHost::listening);
    connect(m_host.get(), &ProxyHost::capturedBatch, this,
            [this](const capture::CaptureBatch &batch) { m_records += batch; });
    m_host->start(*settings, true, 1024 * 1024);
    QTRY_VERIFY_WITH_TIMEOUT(!listening.isEmpty(), waitMs);
    m_port = listening.constFirst().at(1).value<quint16>();
}

void tst_InterceptPane::openBrowser()
{
    m_browser = std::make_unique<QWebSocket>();
    QSignalSpy connected(m_browser.get(), &QWebSocket::connected);
    m_browser->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_port)));
    QVERIFY(connected.wait(waitMs));
    // The pane knows the connection once its first record arrived.
    QTRY_VERIFY_WITH_TIMEOUT(!m_host->openConnections().isEmpty(), waitMs);
}

QList<capture::CaptureRecord> tst_InterceptPane::interventions(FrameIntervention::Action action)
{
    QList<capture::CaptureRecord> out;
    for (const capture::CaptureRecord &record : std::as_const(m_records)) {
        if (record.intervention && record.intervention->action == action)
            out.append(record);
    }
    return out;
}

void tst_InterceptPane::heldBrowserFrameIsListedAndForwardDeliversIt()
{
    startProxy(true);
    QVERIFY(m_pane->setHolding(Direction::Inbound, true));
    openBrowser();
    QSignalSpy echoes(m_browser.get(), &QWebSocket::textMessageReceived);
    m_browser->sendTextMessage(QStringLiteral("hello"));
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->heldCount(), 1, waitMs);
    HeldFrameModel *model = m_pane->model();
    QCOMPARE(model->index(0, HeldFrameModel::DirectionColumn).data().toString(), QStringLiteral("C→S"));
    QVERIFY(model->index(0, HeldFrameModel::OpcodeColumn).data().toString().startsWith(QStringLiteral("0x1")));
    QCOMPARE(model->index(0, HeldFrameModel::LengthColumn).data().toString(), QStringLiteral("5"));
    QCOMPARE(model->index(0, HeldFrameModel::SummaryColumn).data().toString(), QStringLiteral("hello"));
    // Held: the upstream has not had it, so nothing came back.
    QVERIFY(echoes.isEmpty());
    QVERIFY(m_pane->forwardButton()->isEnabled());
    m_pane->forwardButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(echoes.size(), 1, waitMs);
    QCOMPARE(echoes.constFirst().constFirst().toString(), QStringLiteral("echo: hello"));
    QCOMPARE(m_pane->heldCount(), 0);
    QVERIFY(!m_pane->forwardButton()->isEnabled());
}

void tst_InterceptPane::dropWithTheKeyboardNeverReachesTheUpstream()
{
    startProxy(true);
    QVERIFY(m_pane->setHolding(Direction::Inbound, true));
    openBrowser();
    QSignalSpy echoes(m_browser.get(), &QWebSocket::textMessageReceived);
    m_browser->sendTextMessage(QStringLiteral("one"));
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->heldCount(), 1, waitMs);
    m_pane->show();
    m_pane->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_pane.get()));
    m_pane->table()->setFocus();
    QTest::keyClick(m_pane->table(), Qt::Key_Delete);
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->heldCount(), 0, waitMs);
    QVERIFY(m_pane->setHolding(Direction::Inbound, false));
    m_browser->sendTextMessage(QStringLiteral("two"));
    QTRY_COMPARE_WITH_TIMEOUT(echoes.size(), 1, waitMs);
    QCOMPARE(echoes.constFirst().constFirst().toString(), QStringLiteral("echo: two"));
    QTRY_COMPARE_WITH_TIMEOUT(interventions(FrameIntervention::Action::Dropped).size(), 1, waitMs);
    const capture::CaptureRecord dropped = interventions(FrameIntervention::Action::Dropped).constFirst();
    QCOMPARE(dropped.frame->payload, QByteArray("one"));
    QCOMPARE(dropped.intervention->originalBytes, dropped.bytes());
}

void tst_InterceptPane::editedFrameReachesTheUpstreamAndIsShownBesideTheOriginal()
{
    startProxy(true);
    QVERIFY(m_pane->setHolding(Direction::Inbound, true));
    openBrowser();
    QSignalSpy binaryEchoes(m_browser.get(), &QWebSocket::binaryMessageReceived);
    m_browser->sendTextMessage(QStringLiteral("hello"));
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->heldCount(), 1, waitMs);
    m_pane->setDialogRunner([](FrameEditDialog &dialog) {
        auto *opcode = dialog.findChild<QComboBox *>(QStringLiteral("opcode"));
        opcode->setCurrentIndex(opcode->findData(0x2)); // text becomes binary
        dialog.findChild<QPlainTextEdit *>(QStringLiteral("payload"))->setPlainText(QStringLiteral("edited"));
        return true;
    });
    m_pane->editButton()->click();
    // The upstream echoes a binary message as binary: it read the edited opcode and payload.
    QTRY_COMPARE_WITH_TIMEOUT(binaryEchoes.size(), 1, waitMs);
    QCOMPARE(binaryEchoes.constFirst().constFirst().toByteArray(), QByteArray("edited"));

    QTRY_COMPARE_WITH_TIMEOUT(interventions(FrameIntervention::Action::Edited).size(), 1, waitMs);
    const capture::CaptureRecord edited = interventions(FrameIntervention::Action::Edited).constFirst();
    QVERIFY(edited.modified);
    QCOMPARE(edited.frame->header.opcode, protocol::Opcode::Binary);
    QCOMPARE(edited.frame->payload, QByteArray("edited"));

    inspector::FrameDetailPane detail;
    detail.showRecord(edited);
    inspector::InterventionView *view = detail.interventionView();
    QVERIFY(detail.isInterventionTabShown());
    QCOMPARE(view->originalBytes(), edited.intervention->originalBytes);
    QCOMPARE(view->forwardedBytes(), edited.bytes());
    // The opcode's byte differs; both sides are there.
    QVERIFY(view->differingOffsets().contains(0));
    QVERIFY(!view->originalBytes().isEmpty());
    // A row the proxy did not change has no such tab.
    for (const capture::CaptureRecord &record : std::as_const(m_records)) {
        if (record.frame && !record.intervention) {
            detail.showRecord(record);
            QVERIFY(!detail.isInterventionTabShown());
            break;
        }
    }
}

void tst_InterceptPane::injectedFrameReachesTheBrowser()
{
    startProxy(true);
    openBrowser();
    QSignalSpy received(m_browser.get(), &QWebSocket::textMessageReceived);
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->injectButton()->isEnabled(), waitMs);
    m_pane->setDialogRunner([](FrameEditDialog &dialog) {
        auto *direction = dialog.findChild<QComboBox *>(QStringLiteral("direction"));
        direction->setCurrentIndex(direction->findData(int(Direction::Outbound)));
        dialog.findChild<QPlainTextEdit *>(QStringLiteral("payload"))->setPlainText(QStringLiteral("from wslab"));
        return true;
    });
    m_pane->injectButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, waitMs);
    QCOMPARE(received.constFirst().constFirst().toString(), QStringLiteral("from wslab"));
    QTRY_COMPARE_WITH_TIMEOUT(interventions(FrameIntervention::Action::Injected).size(), 1, waitMs);
    const capture::CaptureRecord injected = interventions(FrameIntervention::Action::Injected).constFirst();
    QCOMPARE(injected.direction, Direction::Outbound);
    QVERIFY(injected.intervention->originalBytes.isEmpty());
}

void tst_InterceptPane::compressedConnectionIsEditedAsTextAndRecompressed()
{
    startProxy(true);
    QVERIFY(m_pane->setHolding(Direction::Inbound, true));
    m_pane->holdServerAction()->setChecked(true);
    QVERIFY(m_host->isHolding(Direction::Outbound));
    capture::CaptureStream stream;
    capture::LiveRecorder recorder(&stream);
    client::ClientSettings settings;
    settings.url = std::get<client::ServerUrl>(client::ServerUrl::parse(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_port)));
    settings.offerDeflate = true;
    client::ClientConnection browser(1, settings, &recorder);
    QSignalSpy opened(&browser, &client::ClientConnection::opened);
    QSignalSpy messages(&browser, &client::ClientConnection::messageReceived);
    browser.open();
    QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty(), waitMs);
    QVERIFY(browser.isDeflateAgreed());
    QVERIFY(browser.sendText(QStringLiteral("hello")));
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->heldCount(), 1, waitMs);
    const proxy::HeldFrame held = m_pane->model()->entry(0).frame;
    QVERIFY(held.frame.header.rsv1);
    QCOMPARE(held.inflated.value_or(QByteArray()), QByteArray("hello"));
    QCOMPARE(m_pane->model()->index(0, HeldFrameModel::SummaryColumn).data().toString(), QStringLiteral("hello"));
    m_pane->setDialogRunner([](FrameEditDialog &dialog) {
        // Offered as the inflated text, to be compressed again.
        auto *payload = dialog.findChild<QPlainTextEdit *>(QStringLiteral("payload"));
        if (payload->toPlainText() != QStringLiteral("hello")
            || !dialog.findChild<QCheckBox *>(QStringLiteral("compress"))->isChecked())
            return false;
        payload->setPlainText(QStringLiteral("squeezed"));
        return true;
    });
    m_pane->editButton()->click();
    // The upstream's compressed echo is held on its way back, inflated for reading.
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->heldCount(), 1, waitMs);
    const proxy::HeldFrame echo = m_pane->model()->entry(0).frame;
    QCOMPARE(echo.direction, Direction::Outbound);
    QCOMPARE(echo.inflated.value_or(QByteArray()), QByteArray("echo: squeezed"));
    QVERIFY(messages.isEmpty());
    m_pane->forwardNext();
    QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 1, waitMs);
    QCOMPARE(messages.constFirst().at(1).toByteArray(), QByteArray("echo: squeezed"));
    QTRY_COMPARE_WITH_TIMEOUT(interventions(FrameIntervention::Action::Edited).size(), 1, waitMs);
    const capture::CaptureRecord edited = interventions(FrameIntervention::Action::Edited).constFirst();
    QVERIFY(edited.frame->header.rsv1);
    QCOMPARE(edited.inflatedPayload.value_or(QByteArray()), QByteArray("squeezed"));

    // A message injected towards the browser, compressed by the proxy: the browser inflates it.
    m_pane->setDialogRunner([](FrameEditDialog &dialog) {
        auto *direction = dialog.findChild<QComboBox *>(QStringLiteral("direction"));
        direction->setCurrentIndex(direction->findData(int(Direction::Outbound)));
        dialog.findChild<QCheckBox *>(QStringLiteral("compress"))->setChecked(true);
        dialog.findChild<QPlainTextEdit *>(QStringLiteral("payload"))->setPlainText(QStringLiteral("pushed"));
        return true;
    });
    m_pane->injectButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 2, waitMs);
    QCOMPARE(messages.at(1).at(1).toByteArray(), QByteArray("pushed"));
    QTRY_COMPARE_WITH_TIMEOUT(interventions(FrameIntervention::Action::Injected).size(), 1, waitMs);
    QVERIFY(interventions(FrameIntervention::Action::Injected).constFirst().frame->header.rsv1);
    browser.abort();
}

void tst_InterceptPane::holdingWithoutInterceptSaysWhyAndOffersIt()
{
    startProxy(false);
    QVERIFY(!m_host->canIntercept());
    QVERIFY(!m_pane->setHolding(Direction::Inbound, true));
    QVERIFY(!m_host->isHolding(Direction::Inbound));
    m_pane->holdServerAction()->setChecked(true);
    QVERIFY(!m_pane->holdServerAction()->isChecked());
    QVERIFY(!m_pane->enableButton()->isHidden());
    QSignalSpy requested(m_pane.get(), &InterceptPane::interceptRequested);
    m_pane->enableButton()->click();
    QCOMPARE(requested.size(), 1);
    // Without intercept the relay still works, untouched.
    openBrowser();
    QSignalSpy echoes(m_browser.get(), &QWebSocket::textMessageReceived);
    m_browser->sendTextMessage(QStringLiteral("plain"));
    QTRY_COMPARE_WITH_TIMEOUT(echoes.size(), 1, waitMs);
    QCOMPARE(m_pane->heldCount(), 0);
}

QTEST_MAIN(tst_InterceptPane)
#include "tst_interceptpane.moc"
