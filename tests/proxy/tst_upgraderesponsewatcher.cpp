#include "proxy/upgraderesponsewatcher.h"

#include <QTest>

using namespace wslab::proxy;

// The upstream's first answer read as it passes: whether frames follow and where, what
// permessage-deflate was agreed, and the one change intercept makes to it.
class tst_UpgradeResponseWatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsTheAnswerWhateverThePieces_data();
    void readsTheAnswerWhateverThePieces();
};

namespace {

QByteArray answer(const QByteArray &status, const QByteArray &extensions)
{
    QByteArray head = "HTTP/1.1 " + status + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                             "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n";
    if (!extensions.isEmpty())
        head += "Sec-WebSocket-Extensions: " + extensions + "\r\n";
    return head + "\r\n";
}

} // namespace

void tst_UpgradeResponseWatcher::readsTheAnswerWhateverThePieces_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("forwardedHead");
    QTest::addColumn<bool>("upgraded");
    QTest::addColumn<bool>("deflate");
    QTest::addColumn<bool>("modified");
    QTest::addColumn<QString>("noteHas"); // empty: no note

    const QByteArray both = "permessage-deflate; server_no_context_takeover; client_no_context_takeover";
    QTest::addRow("both without context takeover")
            << answer("101 Switching Protocols", both) << answer("101 Switching Protocols", both) << true << true
            << false << QString();
    // RFC 7692 §7.1.1.2: a server may always send client_no_context_takeover; the proxy adds it.
    QTest::addRow("client keeps context")
            << answer("101 Switching Protocols", "permessage-deflate; server_no_context_takeover")
            << answer("101 Switching Protocols",
                      "permessage-deflate; server_no_context_takeover; client_no_context_takeover")
            << true << true << true << QStringLiteral("client_no_context_takeover added");
    // The upstream ignored the request: the learner is told what that means.
    QTest::addRow("upstream keeps context")
            << answer("101 Switching Protocols", both.left(both.indexOf(';')) + "; client_no_context_takeover")
            << answer("101 Switching Protocols", both.left(both.indexOf(';')) + "; client_no_context_takeover")
            << true << true << false << QStringLiteral("keeps its compression context");
    QTest::addRow("no extension") << answer("101 Switching Protocols", {}) << answer("101 Switching Protocols", {})
                                  << true << false << false << QString();
    QTest::addRow("not an upgrade") << answer("404 Not Found", both) << answer("404 Not Found", both) << false << false
                                    << false << QString();
}

void tst_UpgradeResponseWatcher::readsTheAnswerWhateverThePieces()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, forwardedHead);
    QFETCH(bool, upgraded);
    QFETCH(bool, deflate);
    QFETCH(bool, modified);
    QFETCH(QString, noteHas);
    const QByteArray frame("\x81\x02hi", 4); // the upstream's first frame, in the same read
    const QByteArray input = head + frame;
    for (const qsizetype piece : {input.size(), qsizetype(1), qsizetype(5)}) {
        UpgradeResponseWatcher watcher(true);
        QByteArray out;
        qsizetype headEnd = -1;
        for (qsizetype at = 0; at < input.size(); at += piece) {
            const qsizetype before = out.size();
            const bool wasDone = watcher.isDone();
            out += watcher.feed(QByteArrayView(input).sliced(at, qMin(piece, input.size() - at)));
            if (!wasDone && watcher.isDone())
                headEnd = before + watcher.headSize();
        }
        QCOMPARE(out, forwardedHead + frame);
        QCOMPARE(headEnd, forwardedHead.size());
        QCOMPARE(watcher.isUpgraded(), upgraded);
        QCOMPARE(watcher.deflate().has_value(), deflate);
        if (deflate)
            QVERIFY(watcher.deflate()->clientNoContextTakeover);
        QCOMPARE(watcher.isModified(), modified);
        QCOMPARE(watcher.note().isEmpty(), noteHas.isEmpty());
        QVERIFY2(watcher.note().contains(noteHas), qPrintable(watcher.note()));
        QCOMPARE(watcher.heldBytes(), 0);
    }
}

QTEST_GUILESS_MAIN(tst_UpgradeResponseWatcher)
#include "tst_upgraderesponsewatcher.moc"
