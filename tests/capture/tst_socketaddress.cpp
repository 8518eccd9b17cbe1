#include "capture/socketaddress.h"

#include <QTest>

using namespace wslab::capture;

class tst_SocketAddress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void textRoundTrips_data();
    void textRoundTrips();
    void ipv6IsPrintedInRfc5952Form_data();
    void ipv6IsPrintedInRfc5952Form();
    void malformedTextIsInvalid_data();
    void malformedTextIsInvalid();
    void ipv4FactoryKeepsNetworkOrder();
};

void tst_SocketAddress::textRoundTrips_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("IPv4") << "127.0.0.1:8002";
    QTest::addRow("IPv4 port 0") << "10.1.2.3:0";
    QTest::addRow("IPv4 port 65535") << "255.255.255.255:65535";
    QTest::addRow("IPv6 loopback") << "[::1]:8002";
    QTest::addRow("IPv6 unspecified") << "[::]:80";
    QTest::addRow("IPv6 documentation") << "[2001:db8::1]:443";
    QTest::addRow("IPv6 full") << "[2001:db8:1:2:3:4:5:6]:1";
    QTest::addRow("IPv4-mapped") << "[::ffff:192.0.2.1]:9";
}

void tst_SocketAddress::textRoundTrips()
{
    QFETCH(QString, text);
    const SocketAddress address = SocketAddress::fromString(text);
    QVERIFY(address.isValid());
    QCOMPARE(address.toString(), text);
}

void tst_SocketAddress::ipv6IsPrintedInRfc5952Form_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("printed");
    // RFC 5952 §4.1 no leading zeros, §4.2.2 not "::" for one group, §4.2.3 first longest run,
    // §4.3 lower case.
    QTest::addRow("leading zeros") << "[2001:0db8:0000:0000:0000:0000:0000:0001]:1" << "[2001:db8::1]:1";
    QTest::addRow("one zero group") << "[2001:db8:0:1:1:1:1:1]:1" << "[2001:db8:0:1:1:1:1:1]:1";
    QTest::addRow("first of equal runs") << "[2001:0:0:1:0:0:1:1]:1" << "[2001::1:0:0:1:1]:1";
    QTest::addRow("longest run wins") << "[2001:0:1:0:0:0:1:1]:1" << "[2001:0:1::1:1]:1";
    QTest::addRow("upper case") << "[2001:DB8::ABCD]:1" << "[2001:db8::abcd]:1";
}

void tst_SocketAddress::ipv6IsPrintedInRfc5952Form()
{
    QFETCH(QString, input);
    QFETCH(QString, printed);
    QCOMPARE(SocketAddress::fromString(input).toString(), printed);
}

void tst_SocketAddress::malformedTextIsInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("empty") << "";
    QTest::addRow("no port") << "127.0.0.1";
    QTest::addRow("port too big") << "127.0.0.1:65536";
    QTest::addRow("octet too big") << "127.0.0.256:1";
    QTest::addRow("three octets") << "127.0.1:1";
    QTest::addRow("IPv6 without brackets") << "::1:80";
    QTest::addRow("two gaps") << "[1::2::3]:1";
    QTest::addRow("nine groups") << "[1:2:3:4:5:6:7:8:9]:1";
    QTest::addRow("group too long") << "[12345::1]:1";
    QTest::addRow("signed port") << "127.0.0.1:+80";
    QTest::addRow("host name") << "localhost:80";
}

void tst_SocketAddress::malformedTextIsInvalid()
{
    QFETCH(QString, text);
    QVERIFY(!SocketAddress::fromString(text).isValid());
    QVERIFY(SocketAddress::fromString(text).toString().isEmpty());
}

void tst_SocketAddress::ipv4FactoryKeepsNetworkOrder()
{
    const SocketAddress address = SocketAddress::ipv4(0xc0a80102, 8080);
    QCOMPARE(address.address[0], 192);
    QCOMPARE(address.address[3], 2);
    QCOMPARE(address.toString(), "192.168.1.2:8080");
    QVERIFY(SocketAddress::ipv4(0x7f000001, 1) < SocketAddress::ipv4(0x7f000001, 2));
}

QTEST_GUILESS_MAIN(tst_SocketAddress)
#include "tst_socketaddress.moc"
