#pragma once

// A WebSocket server this project did not write (tests/client/tools: Python websockets or Node's
// ws), in its own process, for the client's tests and the app's client mode. Optionally behind TLS
// with a certificate made by tests/tools/testca.py. The tools folder comes from WSLAB_CLIENT_TOOLS.

#include <QDeadlineTimer>
#include <QProcess>
#include <QStringList>
#include <QTcpServer>

namespace wslab::test {

class PeerProcess
{
public:
    static constexpr int waitMs = 10'000;

    // `tls`: the certificate and key files (PEM) to serve wss:// with (Python only).
    PeerProcess(const QString &kind, quint16 port, const QStringList &tls = {})
    {
        const QString tools = QStringLiteral(WSLAB_CLIENT_TOOLS);
        if (kind == QLatin1String("node")) {
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("NODE_PATH"), QStringLiteral("/usr/share/nodejs"));
            m_process.setProcessEnvironment(environment);
            m_process.start(QStringLiteral("node"), {tools + QStringLiteral("/peer_node.js"), QString::number(port),
                                                     QStringLiteral("plain")});
        } else {
            m_process.start(QStringLiteral("/usr/bin/python3"),
                            QStringList{tools + QStringLiteral("/peer_python.py"), QString::number(port),
                                        QStringLiteral("plain")}
                                    + tls);
        }
    }
    ~PeerProcess()
    {
        m_process.kill();
        m_process.waitForFinished(waitMs);
    }
    [[nodiscard]] bool waitReady()
    {
        QDeadlineTimer deadline(waitMs);
        while (!deadline.hasExpired()) {
            if (m_process.canReadLine() || m_process.waitForReadyRead(int(deadline.remainingTime())))
                return m_process.readLine().contains("ready");
        }
        return false;
    }

    // A loopback port nothing listens on right now.
    [[nodiscard]] static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    // tests/tools/testca.py makes a CA and a certificate for 127.0.0.1 in `directory`: the paths of
    // the CA, the certificate and its key, or an empty list when openssl failed.
    [[nodiscard]] static QStringList makeTestCa(const QString &directory)
    {
        const QString script = QStringLiteral("import sys; sys.path.insert(0, sys.argv[1]); from testca import "
                                              "make_test_ca; print('\\n'.join(make_test_ca(sys.argv[2])))");
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral("-c"), script, QStringLiteral(WSLAB_CLIENT_TOOLS "/../../tools"), directory});
        if (!python.waitForFinished(60'000) || python.exitCode() != 0)
            return {};
        return QString::fromUtf8(python.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

private:
    QProcess m_process;
};

} // namespace wslab::test
