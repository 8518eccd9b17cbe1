#pragma once

// A browser as a child process of a test: a fresh profile directory, stderr kept in a file in it
// (for a failure message), and a stop that is polite first and always ends the process. The drivers
// (ChromiumDriver, FirefoxDriver) speak their protocol on top of it.

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace wslab::e2e {

class BrowserProcess
{
public:
    static constexpr int stopTimeoutMs = 5'000;

    explicit BrowserProcess(QString logName) : m_logName(std::move(logName)) { }
    BrowserProcess(const BrowserProcess &) = delete;
    BrowserProcess &operator=(const BrowserProcess &) = delete;
    ~BrowserProcess() { stop(); }

    [[nodiscard]] bool isProfileReady() const { return m_profile.isValid(); }
    [[nodiscard]] QString profilePath() const { return m_profile.path(); }
    [[nodiscard]] QString profileFile(const QString &name) const { return m_profile.filePath(name); }
    [[nodiscard]] QString logPath() const { return m_profile.filePath(m_logName); }
    [[nodiscard]] bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    [[nodiscard]] int exitCode() const { return m_process.exitCode(); }
    [[nodiscard]] qint64 processId() const { return m_process.processId(); }
    [[nodiscard]] QString errorString() const { return m_process.errorString(); }

    [[nodiscard]] bool start(const QString &binary, const QStringList &arguments, int timeoutMs,
                             const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
    {
        m_process.setProgram(binary);
        m_process.setArguments(arguments);
        m_process.setProcessEnvironment(environment);
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.setStandardErrorFile(logPath());
#ifdef Q_OS_LINUX
        // Should the test itself crash or be killed by the CTest timeout, the browser goes with it
        // (its content processes follow their parent).
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
        m_process.start();
        return m_process.waitForStarted(timeoutMs);
    }

    // After the driver asked the browser to close: waits, then terminates, then kills.
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        if (m_process.waitForFinished(stopTimeoutMs))
            return;
        m_process.terminate();
        if (m_process.waitForFinished(stopTimeoutMs))
            return;
        m_process.kill();
        (void)m_process.waitForFinished(stopTimeoutMs);
    }

    // The end of the browser's stderr.
    [[nodiscard]] QString logTail(int maxLines = 20) const
    {
        QFile log(logPath());
        if (!log.open(QIODevice::ReadOnly))
            return {};
        const QStringList lines = QString::fromUtf8(log.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        return lines.mid(qMax(0, lines.size() - maxLines)).join(QLatin1Char('\n'));
    }

private:
    QTemporaryDir m_profile; // outlives the process: declared first, destroyed last
    QProcess m_process;
    QString m_logName;
};

} // namespace wslab::e2e
