#include "server/chatroom.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using wslab::server::ChatEntry;
using wslab::server::ChatRoom;

class tst_ChatRoom : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void joinGivesJoinEntryWithNextSequence();
    void joinTwiceIsIgnored();
    void emptyNickGetsGuestName();
    void takenNickGetsSuffix_data();
    void takenNickGetsSuffix();
    void normalizedNick_data();
    void normalizedNick();
    void postByNonMemberIsRejected();
    void postBroadcastsMessage();
    void emptyPostIsRejected();
    void nickCommandRenames();
    void nickCommandToTakenNameIsRejected();
    void nickCommandWithoutNameIsRejected();
    void nickPrefixWithoutSpaceIsAMessage();
    void renameFreesTheOldName();
    void leaveFreesTheNick();
    void leaveOfNonMemberIsIgnored();
    void sinceReturnsEntriesAfterSequence();
    void sinceRespectsMaxCountKeepingOldest();
    void historyIsBounded();
    void longLinesAreKeptWhole_data();
    void longLinesAreKeptWhole();
    void historyIsBoundedInBytes();
    void lineBiggerThanTheByteLimitStaysAsNewest();
    void newLimitsApplyAtOnce();
    void json_data();
    void json();
    void welcomeJson();
};

void tst_ChatRoom::joinGivesJoinEntryWithNextSequence()
{
    ChatRoom room;
    const auto first = room.join(1, QStringLiteral("ann"), 1000);
    const auto second = room.join(2, QStringLiteral("bob"), 2000);
    QVERIFY(first && second);
    QCOMPARE(first->kind, ChatEntry::Kind::Join);
    QCOMPARE(first->from, QStringLiteral("ann"));
    QCOMPARE(first->seq, 1u);
    QCOMPARE(first->timeMs, 1000);
    QCOMPARE(second->seq, 2u);
    QCOMPARE(room.lastSeq(), 2u);
    QCOMPARE(room.nick(2), QStringLiteral("bob"));
    QCOMPARE(room.memberCount(), 2);
}

void tst_ChatRoom::joinTwiceIsIgnored()
{
    ChatRoom room;
    QVERIFY(room.join(1, QStringLiteral("ann"), 0));
    QVERIFY(!room.join(1, QStringLiteral("other"), 0));
    QCOMPARE(room.nick(1), QStringLiteral("ann"));
    QCOMPARE(room.lastSeq(), 1u);
}

void tst_ChatRoom::emptyNickGetsGuestName()
{
    ChatRoom room;
    const auto entry = room.join(7, QStringLiteral("   "), 0);
    QVERIFY(entry);
    QCOMPARE(entry->from, QStringLiteral("guest-7"));
}

void tst_ChatRoom::takenNickGetsSuffix_data()
{
    QTest::addColumn<QString>("existing");
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QString>("given");
    QTest::addRow("same case") << "ann" << "ann" << "ann-2";
    QTest::addRow("other case") << "Ann" << "aNN" << "aNN-2";
    QTest::addRow("long name keeps the limit") << QString(32, u'x') << QString(32, u'x') << (QString(30, u'x') + "-2");
}

void tst_ChatRoom::takenNickGetsSuffix()
{
    QFETCH(QString, existing);
    QFETCH(QString, requested);
    QFETCH(QString, given);
    ChatRoom room;
    QVERIFY(room.join(1, existing, 0));
    const auto entry = room.join(2, requested, 0);
    QVERIFY(entry);
    QCOMPARE(entry->from, given);
    QVERIFY(entry->from.size() <= ChatRoom::maxNickLength);
    // And a third one gets the next suffix.
    const auto third = room.join(3, requested, 0);
    QVERIFY(third);
    QVERIFY(third->from != given);
    QVERIFY(third->from.endsWith(QStringLiteral("-3")));
}

void tst_ChatRoom::normalizedNick_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addRow("trimmed") << "  ann  " << "ann";
    QTest::addRow("inner whitespace collapsed") << "a \t\n b" << "a b";
    QTest::addRow("controls removed") << QStringLiteral("a\u0001b\u007f") << "ab";
    QTest::addRow("cut to limit") << QString(40, u'z') << QString(32, u'z');
    QTest::addRow("only controls") << QStringLiteral("\u0002\u0003") << "";
    QTest::addRow("unicode kept") << QStringLiteral("Zoë 李") << QStringLiteral("Zoë 李");
}

void tst_ChatRoom::normalizedNick()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(ChatRoom::normalizedNick(input), expected);
}

void tst_ChatRoom::postByNonMemberIsRejected()
{
    ChatRoom room;
    const auto result = room.post(9, QStringLiteral("hi"), 0);
    QVERIFY(!result.entry);
    QVERIFY(!result.rejection.isEmpty());
    QCOMPARE(room.lastSeq(), 0u);
}

void tst_ChatRoom::postBroadcastsMessage()
{
    ChatRoom room;
    room.join(1, QStringLiteral("ann"), 0);
    const auto result = room.post(1, QStringLiteral("hello there"), 1234);
    QVERIFY(result.entry);
    QCOMPARE(result.entry->kind, ChatEntry::Kind::Message);
    QCOMPARE(result.entry->from, QStringLiteral("ann"));
    QCOMPARE(result.entry->text, QStringLiteral("hello there"));
    QCOMPARE(result.entry->timeMs, 1234);
    QCOMPARE(result.entry->seq, 2u);
}

void tst_ChatRoom::emptyPostIsRejected()
{
    ChatRoom room;
    room.join(1, QStringLiteral("ann"), 0);
    const auto result = room.post(1, QStringLiteral("  \n"), 0);
    QVERIFY(!result.entry);
    QCOMPARE(room.lastSeq(), 1u);
}

void tst_ChatRoom::nickCommandRenames()
{
    ChatRoom room;
    room.join(1, QStringLiteral("ann"), 0);
    const auto result = room.post(1, QStringLiteral("/nick  Annie "), 50);
    QVERIFY(result.entry);
    QCOMPARE(result.entry->kind, ChatEntry::Kind::Nick);
    QCOMPARE(result.entry->from, QStringLiteral("ann"));
    QCOMPARE(result.entry->text, QStringLiteral("Annie"));
    QCOMPARE(room.nick(1), QStringLiteral("Annie"));
    // Messages after the rename carry the new name.
    QCOMPARE(room.post(1, QStringLiteral("x"), 60).entry->from, QStringLiteral("Annie"));
}

void tst_ChatRoom::nickCommandToTakenNameIsRejected()
{
    ChatRoom room;
    room.join(1, QStringLiteral("ann"), 0);
    room.join(2, QStringLiteral("bob"), 0);
    const auto result = room.post(2, QStringLiteral("/nick ANN"), 0);
    QVERIFY(!result.entry);
    QVERIFY(result.rejection.contains(QStringLiteral("taken")));
    QCOMPARE(room.nick(2), QStringLiteral("bob"));
}

void tst_ChatRoom::nickCommandWithoutNameIsRejected()
{
    ChatRoom room;
    room.join(1, QStringLiteral("ann"), 0);
    QVERIFY(!room.post(1, QStringLiteral("/nick"), 0).entry);
    QVERIFY(!room.post(1, QStringLiteral("/nick   "), 0).entry);
    QCOMPARE(room.lastSeq(), 1u);
}

void tst_ChatRoom::nickPrefixWithoutSpaceIsAMessage()
{
    ChatRoom room;
    room.join(1, QStringLiteral("ann"), 0);
    const auto result = room.post(1, QStringLiteral("/nickname is a word"), 0);
    QVERIFY(result.entry);
    QCOMPARE(result.entry->kind, ChatEntry::Kind::Message);
    QCOMPARE(room.nick(1), QStringLiteral("ann"));
}

void tst_ChatRoom::renameFreesTheOldName()
{
    ChatRoom room;
    room.join(1, QStringLiteral("ann"), 0);
    QVERIFY(room.rename(1, QStringLiteral("zed"), 0).entry);
    const auto entry = room.join(2, QStringLiteral("ann"), 0);
    QCOMPARE(entry->from, QStringLiteral("ann"));
    // Changing only the case of one's own name is allowed.
    QVERIFY(room.rename(1, QStringLiteral("ZED"), 0).entry);
}

void tst_ChatRoom::leaveFreesTheNick()
{
    ChatRoom room;
    room.join(1, QStringLiteral("ann"), 0);
    const auto left = room.leave(1, 99);
    QVERIFY(left);
    QCOMPARE(left->kind, ChatEntry::Kind::Leave);
    QCOMPARE(left->from, QStringLiteral("ann"));
    QCOMPARE(left->seq, 2u);
    QVERIFY(!room.isMember(1));
    QCOMPARE(room.join(2, QStringLiteral("ann"), 0)->from, QStringLiteral("ann"));
}

void tst_ChatRoom::leaveOfNonMemberIsIgnored()
{
    ChatRoom room;
    QVERIFY(!room.leave(3, 0));
    QCOMPARE(room.lastSeq(), 0u);
}

void tst_ChatRoom::sinceReturnsEntriesAfterSequence()
{
    ChatRoom room;
    room.join(1, QStringLiteral("ann"), 0);
    for (int i = 0; i < 5; ++i)
        room.post(1, QString::number(i), i);
    const QList<ChatEntry> entries = room.since(3);
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries.first().seq, 4u);
    QCOMPARE(entries.last().seq, 6u);
    for (qsizetype i = 1; i < entries.size(); ++i)
        QCOMPARE(entries.at(i).seq, entries.at(i - 1).seq + 1);
    QVERIFY(room.since(6).isEmpty());
    QVERIFY(room.since(1000).isEmpty());
    QCOMPARE(room.since(0).size(), 6);
}

void tst_ChatRoom::sinceRespectsMaxCountKeepingOldest()
{
    ChatRoom room;
    room.join(1, QStringLiteral("ann"), 0);
    for (int i = 0; i < 9; ++i)
        room.post(1, QString::number(i), i);
    const QList<ChatEntry> entries = room.since(2, 3);
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries.first().seq, 3u);
    QCOMPARE(entries.last().seq, 5u);
}

void tst_ChatRoom::historyIsBounded()
{
    ChatRoom room(4);
    room.join(1, QStringLiteral("ann"), 0);
    for (int i = 0; i < 10; ++i)
        room.post(1, QString::number(i), i);
    QCOMPARE(room.lastSeq(), 11u);
    QCOMPARE(qsizetype(room.history().size()), 4);
    QCOMPARE(room.firstSeq(), 8u);
    // A client far behind gets what is left, from the oldest kept entry.
    const QList<ChatEntry> entries = room.since(0);
    QCOMPARE(entries.size(), 4);
    QCOMPARE(entries.first().seq, 8u);
    QCOMPARE(entries.first().text, QStringLiteral("6"));
}

void tst_ChatRoom::longLinesAreKeptWhole_data()
{
    QTest::addColumn<qsizetype>("length");
    // Around the old 64 Ki character cut, and the frames lab's two big sizes.
    QTest::addRow("64 Ki - 1") << qsizetype(64 * 1024 - 1);
    QTest::addRow("64 Ki + 1") << qsizetype(64 * 1024 + 1);
    QTest::addRow("70 KiB") << qsizetype(70 * 1024);
    QTest::addRow("1 MiB") << qsizetype(1024 * 1024);
}

// Regression: lines were cut to 64 Ki characters, so the browser's 70 KiB and 1 MiB messages came
// back shorter than they went out.
void tst_ChatRoom::longLinesAreKeptWhole()
{
    QFETCH(qsizetype, length);
    ChatRoom room;
    room.join(1, QStringLiteral("ann"), 0);
    QString text(length, QChar(u'w'));
    text[length - 1] = QChar(u'!'); // the end is there, not only the length
    const ChatRoom::PostResult result = room.post(1, text, 5);
    QVERIFY(result.entry);
    QCOMPARE(result.entry->text.size(), length);
    QCOMPARE(result.entry->text, text);
    QCOMPARE(room.find(result.entry->seq)->text, text);
    const QJsonObject json = QJsonDocument::fromJson(ChatRoom::toJson(*result.entry)).object();
    QCOMPARE(json.value(QLatin1String("text")).toString(), text);
    QCOMPARE(room.postSystem(text, 6).text, text);
}

void tst_ChatRoom::historyIsBoundedInBytes()
{
    const QString line(1000, QChar(u'x'));
    ChatEntry sample;
    sample.from = QStringLiteral("ann");
    sample.text = line;
    const qint64 perLine = ChatRoom::entryBytes(sample);
    QVERIFY(perLine > qint64(line.size()) * 2); // the characters and the entry itself
    // Room for ten lines by bytes, a hundred by count: bytes decide.
    ChatRoom room(100, perLine * 10);
    room.join(1, QStringLiteral("ann"), 0);
    for (int i = 0; i < 30; ++i)
        room.post(1, line, i);
    QCOMPARE(room.lastSeq(), 31u);
    QVERIFY(room.historyBytes() <= room.historyByteLimit());
    QCOMPARE(qsizetype(room.history().size()), 10);
    QCOMPARE(room.firstSeq(), 22u); // the oldest went first
    qint64 sum = 0;
    for (const ChatEntry &entry : room.history())
        sum += ChatRoom::entryBytes(entry);
    QCOMPARE(room.historyBytes(), sum);
    // A far-behind client still gets a consecutive run, from the oldest kept entry.
    const QList<ChatEntry> entries = room.since(0);
    QCOMPARE(entries.size(), 10);
    QCOMPARE(entries.first().seq, 22u);
    QCOMPARE(entries.last().seq, 31u);
}

void tst_ChatRoom::lineBiggerThanTheByteLimitStaysAsNewest()
{
    ChatRoom room(100, 4096);
    room.join(1, QStringLiteral("ann"), 0);
    room.post(1, QStringLiteral("small"), 1);
    const QString big(64 * 1024, QChar(u'b'));
    const auto result = room.post(1, big, 2);
    QVERIFY(result.entry);
    // Everything older went; the big line stays so that pollers still receive it.
    QCOMPARE(qsizetype(room.history().size()), 1);
    QCOMPARE(room.history().front().text, big);
    QCOMPARE(room.since(0).size(), 1);
    // The next line pushes it out.
    room.post(1, QStringLiteral("after"), 3);
    QCOMPARE(qsizetype(room.history().size()), 1);
    QCOMPARE(room.history().front().text, QStringLiteral("after"));
    QCOMPARE(room.historyBytes(), ChatRoom::entryBytes(room.history().front()));
}

void tst_ChatRoom::newLimitsApplyAtOnce()
{
    ChatRoom room;
    QCOMPARE(room.historyLimit(), ChatRoom::defaultHistoryLimit);
    QCOMPARE(room.historyByteLimit(), ChatRoom::defaultHistoryBytes);
    room.join(1, QStringLiteral("ann"), 0);
    for (int i = 0; i < 20; ++i)
        room.post(1, QString::number(i), i);
    room.setHistoryLimits(5, ChatRoom::defaultHistoryBytes);
    QCOMPARE(qsizetype(room.history().size()), 5);
    QCOMPARE(room.firstSeq(), 17u);
    room.setHistoryLimits(100, 0); // no byte budget at all: only the newest stays
    QCOMPARE(qsizetype(room.history().size()), 1);
    QCOMPARE(room.firstSeq(), room.lastSeq());
}

void tst_ChatRoom::json_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addRow("message") << int(ChatEntry::Kind::Message) << "ann" << "hi \"there\""
                             << R"({"from":"ann","seq":5,"text":"hi \"there\"","time":1700000000123,"type":"message"})";
    QTest::addRow("join") << int(ChatEntry::Kind::Join) << "ann" << ""
                          << R"({"nick":"ann","seq":5,"time":1700000000123,"type":"join"})";
    QTest::addRow("leave") << int(ChatEntry::Kind::Leave) << "bob" << ""
                           << R"({"nick":"bob","seq":5,"time":1700000000123,"type":"leave"})";
    QTest::addRow("nick") << int(ChatEntry::Kind::Nick) << "ann" << "Annie"
                          << R"({"nick":"Annie","old":"ann","seq":5,"time":1700000000123,"type":"nick"})";
    QTest::addRow("system") << int(ChatEntry::Kind::System) << "" << "restart"
                            << R"({"seq":5,"text":"restart","time":1700000000123,"type":"system"})";
}

void tst_ChatRoom::json()
{
    QFETCH(int, kind);
    QFETCH(QString, from);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    ChatEntry entry;
    entry.kind = ChatEntry::Kind(kind);
    entry.seq = 5;
    entry.from = from;
    entry.text = text;
    entry.timeMs = 1700000000123;
    const QByteArray json = ChatRoom::toJson(entry);
    // Compare as JSON values: key order is not part of the contract.
    QCOMPARE(QJsonDocument::fromJson(json).object(), QJsonDocument::fromJson(expected.toUtf8()).object());
    QVERIFY(!json.contains('\n'));
}

void tst_ChatRoom::welcomeJson()
{
    const QJsonObject object = QJsonDocument::fromJson(ChatRoom::welcomeJson(42, QStringLiteral("ann"), 17)).object();
    QCOMPARE(object.value("type").toString(), QStringLiteral("welcome"));
    QCOMPARE(object.value("id").toInteger(), 42);
    QCOMPARE(object.value("nick").toString(), QStringLiteral("ann"));
    QCOMPARE(object.value("seq").toInteger(), 17);
}

QTEST_GUILESS_MAIN(tst_ChatRoom)
#include "tst_chatroom.moc"
