// RecordCommentFields reads a saved record's comment as QJsonDocument would: every value the
// writer puts there (numbers, flags, strings with escapes, the nested TLS object), and no object at
// all from text that is not one.

#include "capture/recordcommentfields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using wslab::capture::RecordCommentFields;

class TestRecordCommentFields : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsWhatQtJsonReads_data();
    void readsWhatQtJsonReads();
    void refusesWhatIsNotAnObject_data();
    void refusesWhatIsNotAnObject();
    void missingAndMistypedFieldsGiveDefaults();
};

void TestRecordCommentFields::readsWhatQtJsonReads_data()
{
    QTest::addColumn<QJsonObject>("object");
    QJsonObject plain{{"id", 7}, {"kind", 3}, {"dir", 1}, {"conn", qint64(1) << 40}, {"held", true},
                      {"modified", false}, {"wireBytes", 65535}, {"truncatedFrom", -1}};
    QTest::addRow("numbers and flags") << plain;
    QTest::addRow("strings with escapes")
            << QJsonObject{{"note", "line 1\nline \"2\"\t\\ end"}, {"server", "[::1]:443"}, {"id", 1}};
    QTest::addRow("non-ASCII and a surrogate pair")
            << QJsonObject{{"note", QString::fromUtf8("帧 \xF0\x9F\x98\x80 ok")}, {"id", 2}};
    QTest::addRow("control characters") << QJsonObject{{"note", QString(QChar(1)) + QChar(0x1f)}};
    QJsonObject tls{{"version", "TLSv1.3"}, {"chain", QJsonArray{QJsonObject{{"subject", "CN=a, O={x}"}}}}};
    QTest::addRow("nested object") << QJsonObject{{"id", 9}, {"tls", tls}, {"kind", 4}};
    QTest::addRow("empty") << QJsonObject{};
}

void TestRecordCommentFields::readsWhatQtJsonReads()
{
    QFETCH(QJsonObject, object);
    for (const auto format : {QJsonDocument::Compact, QJsonDocument::Indented}) {
        const QByteArray json = QJsonDocument(object).toJson(format);
        RecordCommentFields fields;
        QVERIFY2(fields.parse(json), json.constData());
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QByteArray key = it.key().toUtf8();
            QVERIFY(fields.contains(key));
            switch (it.value().type()) {
            case QJsonValue::Double:
                QCOMPARE(fields.integer(key), it.value().toInteger());
                break;
            case QJsonValue::Bool:
                QCOMPARE(fields.boolean(key), it.value().toBool());
                break;
            case QJsonValue::String:
                QCOMPARE(fields.string(key), it.value().toString());
                break;
            case QJsonValue::Object:
                QCOMPARE(fields.object(key), it.value().toObject());
                break;
            default:
                QFAIL("a value of a type the test does not know");
            }
        }
    }
}

void TestRecordCommentFields::refusesWhatIsNotAnObject_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addRow("nothing") << QByteArray();
    QTest::addRow("an array") << QByteArray("[1,2]");
    QTest::addRow("unterminated string") << QByteArray(R"({"note":"abc})");
    QTest::addRow("missing value") << QByteArray(R"({"id":})");
    QTest::addRow("missing colon") << QByteArray(R"({"id" 1})");
    QTest::addRow("trailing comma") << QByteArray(R"({"id":1,})");
    QTest::addRow("unclosed object") << QByteArray(R"({"id":1)");
    QTest::addRow("unclosed nested object") << QByteArray(R"({"tls":{"a":1})");
    QTest::addRow("text after the object") << QByteArray(R"({"id":1} x)");
    QTest::addRow("a bare word") << QByteArray(R"({"id":yes})");
    QTest::addRow("a raw newline in a string") << QByteArray("{\"note\":\"a\nb\"}");
    QTest::addRow("nesting too deep") << QByteArray("{\"a\":" + QByteArray(40, '[') + QByteArray(40, ']') + "}");
}

void TestRecordCommentFields::refusesWhatIsNotAnObject()
{
    QFETCH(QByteArray, json);
    RecordCommentFields fields;
    QVERIFY(!fields.parse(json));
    QVERIFY(!fields.contains("id"));
    QCOMPARE(fields.integer("id", -5), -5);
}

void TestRecordCommentFields::missingAndMistypedFieldsGiveDefaults()
{
    RecordCommentFields fields;
    QVERIFY(fields.parse(R"({"id":"12","held":1,"note":7,"tls":[1],"n":null})"));
    QCOMPARE(fields.integer("id", -1), -1);
    QCOMPARE(fields.integer("absent", 42), 42);
    QVERIFY(!fields.boolean("held"));
    QVERIFY(fields.string("note").isEmpty());
    QVERIFY(fields.object("tls").isEmpty());
    QVERIFY(fields.contains("n"));
    QCOMPARE(fields.integer("n", 3), 3);
}

QTEST_GUILESS_MAIN(TestRecordCommentFields)
#include "tst_recordcommentfields.moc"
