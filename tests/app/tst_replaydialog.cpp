#include "app/replay/replaydialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTest>

using namespace wslab;
using namespace wslab::app;
using client::ReplayScope;

class tst_ReplayDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void okNeedsAUrlAClientCanConnectTo_data();
    void okNeedsAUrlAClientCanConnectTo();
    void requestSaysWhatAndHow_data();
    void requestSaysWhatAndHow();
};

void tst_ReplayDialog::okNeedsAUrlAClientCanConnectTo_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("accepted");

    QTest::addRow("ws with a path") << "ws://127.0.0.1:3000/chat" << true;
    QTest::addRow("wss") << "wss://localhost/" << true;
    QTest::addRow("http is not WebSocket") << "http://127.0.0.1/" << false;
    QTest::addRow("empty") << "" << false;
    QTest::addRow("fragment (RFC 6455 §3)") << "ws://127.0.0.1/#x" << false;
}

void tst_ReplayDialog::okNeedsAUrlAClientCanConnectTo()
{
    QFETCH(QString, url);
    QFETCH(bool, accepted);
    ReplayDialog dialog(url, 2);
    const auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QCOMPARE(buttons->button(QDialogButtonBox::Ok)->isEnabled(), accepted);
    QCOMPARE(dialog.request().has_value(), accepted);
    // Typing fixes it.
    dialog.findChild<QLineEdit *>(QStringLiteral("replayUrl"))->setText(QStringLiteral("ws://127.0.0.1:9/"));
    QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
}

void tst_ReplayDialog::requestSaysWhatAndHow_data()
{
    QTest::addColumn<int>("choice"); // the n-th radio button
    QTest::addColumn<bool>("timing");
    QTest::addColumn<ReplayScope>("scope");

    QTest::addRow("selected frames, at once") << 0 << false << ReplayScope::Frames;
    QTest::addRow("their messages, timed") << 1 << true << ReplayScope::Messages;
    QTest::addRow("whole connection, timed") << 2 << true << ReplayScope::Connection;
}

void tst_ReplayDialog::requestSaysWhatAndHow()
{
    QFETCH(int, choice);
    QFETCH(bool, timing);
    QFETCH(ReplayScope, scope);
    ReplayDialog dialog(QStringLiteral("ws://127.0.0.1:4000/x?y=1"), 3);
    // The whole connection unless told otherwise.
    QCOMPARE(dialog.request()->scope, ReplayScope::Connection);
    dialog.findChildren<QRadioButton *>().at(choice)->setChecked(true);
    dialog.findChild<QCheckBox *>()->setChecked(timing);
    const auto request = dialog.request();
    QVERIFY(request);
    QCOMPARE(request->scope, scope);
    QCOMPARE(request->originalTiming, timing);
    QCOMPARE(request->url.port, quint16(4000));
    QCOMPARE(request->url.resourceName, QByteArray("/x?y=1"));
}

QTEST_MAIN(tst_ReplayDialog)
#include "tst_replaydialog.moc"
