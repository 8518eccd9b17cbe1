#include "app/chat/clientlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace wslab::app;
using wslab::server::ClientInfo;

class tst_ClientListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addUpdateRemove();
    void displayNames();
};

static ClientInfo client(quint64 id, const QString &nick)
{
    ClientInfo info;
    info.connectionId = id;
    info.nick = nick;
    info.peerAddress = QStringLiteral("127.0.0.1:%1").arg(50000 + id);
    info.path = QStringLiteral("/chatsocket");
    info.connectedSince = QDateTime::currentDateTime();
    return info;
}

void tst_ClientListModel::addUpdateRemove()
{
    ClientListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.addOrUpdate(client(1, QString()));
    model.addOrUpdate(client(2, QStringLiteral("bob")));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.size(), 2);

    ClientInfo renamed = client(1, QStringLiteral("alice"));
    renamed.framesIn = 3;
    model.addOrUpdate(renamed); // same id: an update, not a new row
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.data(model.index(0, ClientListModel::NickColumn)).toString(), QStringLiteral("alice"));
    QCOMPARE(model.data(model.index(0, ClientListModel::FramesInColumn)).toULongLong(), quint64(3));

    model.remove(1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowForId(1), -1);
    QCOMPARE(model.rowForId(2), 0);
    model.remove(99); // unknown: nothing happens
    QCOMPARE(model.rowCount(), 1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_ClientListModel::displayNames()
{
    ClientListModel model;
    model.addOrUpdate(client(3, QString()));
    model.addOrUpdate(client(4, QStringLiteral("alice")));
    QCOMPARE(model.displayName(3), QStringLiteral("#3"));
    QCOMPARE(model.displayName(4), QStringLiteral("#4 alice"));
    QCOMPARE(model.data(model.index(0, ClientListModel::IdColumn), ClientListModel::ConnectionIdRole).toULongLong(),
             quint64(3));
    // Regression: "#281474976710658 demo-long-2": a polling client's id is the server's own, no
    // connection anyone can find in the frames table. The transport says what it is instead.
    wslab::server::ClientInfo poller = client(281474976710658ull, QStringLiteral("demo-long-2"));
    poller.transport = wslab::capture::Transport::LongPolling;
    model.addOrUpdate(poller);
    QCOMPARE(model.displayName(281474976710658ull), QStringLiteral("demo-long-2 (long polling)"));
    QVERIFY(!model.displayName(281474976710658ull).contains(QLatin1Char('#')));
}

QTEST_MAIN(tst_ClientListModel)
#include "tst_clientlistmodel.moc"
