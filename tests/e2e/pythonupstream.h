#pragma once

// The developer's own application, which this project did not write: Python websockets serving a
// page over HTTP and an echo WebSocket at /ws on one loopback port (tools/page_upstream.py).

#include <QProcess>
#include <QTest>

namespace wslab::e2e {

class PythonUpstream
{
public:
    static constexpr int startTimeoutMs = 10'000;

    PythonUpstream()
    {
        m_process.setProgram(QStringLiteral("/usr/bin/python3")); // Debian's, with python3-websockets
        m_process.setArguments({QStringLiteral(WSLAB_PAGE_UPSTREAM)});
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
    }
    ~PythonUpstream()
    {
        m_process.closeWriteChannel(); // the end of its input ends it
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
    PythonUpstream(const PythonUpstream &) = delete;
    PythonUpstream &operator=(const PythonUpstream &) = delete;

    // Waits for its "PORT n" line; 0 if it did not start (python3-websockets missing, say).
    quint16 waitForPort()
    {
        const bool answered = QTest::qWaitFor(
                [this] { return m_process.canReadLine() || m_process.state() == QProcess::NotRunning; }, startTimeoutMs);
        if (!answered)
            return 0;
        const QByteArray line = m_process.readLine().trimmed();
        return line.startsWith("PORT ") ? quint16(line.mid(5).toUInt()) : 0;
    }

private:
    QProcess m_process;
};

} // namespace wslab::e2e
