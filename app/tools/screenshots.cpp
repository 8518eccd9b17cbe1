// Renders the main window as a learner sees it after a short chat, in English and Simplified
// Chinese, to PNG files for the README. Real traffic: Qt's own WebSocket client talks to the
// embedded server, so every row, byte and bit in the pictures is what the app really shows.
//
//   wslab_screenshots OUTDIR [WIDTHxHEIGHT ...]      (default 1366x768 1920x1080)

#include "app/chat/chatpane.h"
#include "app/chat/clientlistmodel.h"
#include "app/composer/composerpresets.h"
#include "app/composer/framecomposer.h"
#include "app/lessons/lessonspane.h"
#include "app/lessons/lessontaskview.h"
#include "app/mainwindow/mainwindow.h"

#include "inspector/capturefilterproxy.h"
#include "inspector/framecapturemodel.h"
#include "inspector/framedetailpane.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QDockWidget>
#include <QPixmap>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QWebSocket>

#include <cstdio>
#include <functional>

using namespace wslab;

namespace {

bool waitUntil(const std::function<bool()> &done, int timeoutMs = 10'000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}

void settle(int ms)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

std::unique_ptr<QWebSocket> connectClient(quint16 port, const QString &nick)
{
    auto socket = std::make_unique<QWebSocket>(QStringLiteral("http://127.0.0.1:%1").arg(port));
    bool open = false;
    QObject::connect(socket.get(), &QWebSocket::connected, [&open] { open = true; });
    socket->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/chatsocket").arg(port)));
    if (!waitUntil([&open] { return open; }))
        return nullptr;
    socket->sendTextMessage(QStringLiteral("/nick ") + nick);
    return socket;
}

// The proxy row of the first inbound text frame whose payload contains `text`, or -1.
int rowOfInboundText(const app::MainWindow &window, const QByteArray &text)
{
    const auto *proxy = qobject_cast<const inspector::CaptureFilterProxy *>(window.framesTable()->model());
    for (int row = 0; row < proxy->rowCount(); ++row) {
        const capture::CaptureRecord &record = proxy->record(row);
        if (record.frame && record.direction == capture::Direction::Inbound && record.frame->payload.contains(text))
            return row;
    }
    return -1;
}

bool save(QWidget *widget, const QString &path)
{
    const bool ok = widget->grab().save(path);
    std::fprintf(ok ? stdout : stderr, "%s %s\n", ok ? "wrote" : "cannot write", qPrintable(path));
    return ok;
}

// Two lessons as a learner sees them after doing some of their tasks for real: the browser's
// 100 B and 1 KiB messages tick the length tasks, the page's upgrade ticks the handshake's.
bool renderLessons(app::MainWindow &window, QWebSocket &client, const QString &outDir, const QString &suffix)
{
    client.sendTextMessage(QString(100, QLatin1Char('a')));
    settle(100);
    const QString kibibyte(1024, QLatin1Char('b'));
    client.sendTextMessage(kibibyte);
    settle(400);
    window.lessonsDock()->show();
    window.lessonsDock()->raise();
    app::LessonsPane *pane = window.lessonsPane();
    pane->setCurrentLesson(3); // payload length
    const int row = rowOfInboundText(window, kibibyte.toLatin1());
    if (row >= 0)
        window.selectRow(row);
    for (app::LessonTaskView *view : pane->taskViews()) {
        if (view->taskId() == QLatin1String("length.64"))
            view->findChild<QPushButton *>(QStringLiteral("hintButton"))->click();
    }
    settle(300);
    bool ok = save(&window, QDir(outDir).filePath(QStringLiteral("lessons-length-") + suffix));
    pane->setCurrentLesson(1); // the opening handshake
    for (app::LessonTaskView *view : pane->taskViews()) {
        if (view->taskId() == QLatin1String("handshake.accept"))
            view->findChild<QPushButton *>(QStringLiteral("hintButton"))->click();
    }
    settle(200);
    // The question and its answer field, below the lesson's text in a 768-pixel-high window.
    auto *scroll = qobject_cast<QScrollArea *>(window.lessonsDock()->widget());
    for (app::LessonTaskView *view : pane->taskViews()) {
        if (scroll && view->taskId() == QLatin1String("handshake.accept"))
            scroll->ensureWidgetVisible(view->findChild<QLineEdit *>(QStringLiteral("answer")));
    }
    settle(200);
    ok = save(&window, QDir(outDir).filePath(QStringLiteral("lessons-handshake-") + suffix)) && ok;
    return ok;
}

bool render(const QString &outDir, const QString &language, QSize size, bool withComposer)
{
    QTemporaryDir settingsDir;
    app::StartupOptions options;
    options.settingsPath = settingsDir.filePath(QStringLiteral("wslab.ini"));
    options.port = 0;
    options.bindAddress = QStringLiteral("127.0.0.1");
    options.language = language;
    options.welcomeAllowed = false;

    app::MainWindow window(options);
    window.resize(size);
    window.show();
    settle(100);
    window.resetLayout();
    if (!waitUntil([&window] { return window.listeningPort() != 0; }))
        return false;

    const quint16 port = window.listeningPort();
    auto alice = connectClient(port, QStringLiteral("alice"));
    auto bob = connectClient(port, QStringLiteral("bob"));
    if (!alice || !bob)
        return false;
    waitUntil([&window] { return window.clientModel()->rowCount() == 2; });
    settle(150);
    alice->sendTextMessage(QStringLiteral("Hello, WebSocket!"));
    settle(100);
    bob->sendTextMessage(language.startsWith(QLatin1String("zh")) ? QStringLiteral("你好，alice！") : QStringLiteral("Hi alice!"));
    settle(100);
    window.chatPane()->setTarget(app::ChatPane::everyone);
    window.chatPane()->sendText(language.startsWith(QLatin1String("zh")) ? QStringLiteral("欢迎来到实验室") : QStringLiteral("Welcome to the lab"));
    settle(100);
    window.chatPane()->setTarget(window.clientModel()->client(0).connectionId);
    window.chatPane()->sendPing(QByteArrayLiteral("are you there?"));
    waitUntil([&window] { return !window.chatPane()->lastRoundTripText().isEmpty(); });
    settle(400);

    const int row = rowOfInboundText(window, "Hello, WebSocket!");
    if (row >= 0)
        window.selectRow(row);
    window.detailPane()->setStep(0);
    window.detailPane()->nextField();
    settle(300);

    const QString suffix = QStringLiteral("%1-%2x%3.png").arg(language).arg(size.width()).arg(size.height());
    bool ok = save(&window, QDir(outDir).filePath(QStringLiteral("main-") + suffix));
    if (withComposer) {
        window.composerDock()->raise();
        window.composer()->loadPreset(app::ComposerPreset::MaskedServerFrame);
        settle(300);
        ok = save(&window, QDir(outDir).filePath(QStringLiteral("composer-") + suffix)) && ok;
        ok = renderLessons(window, *alice, outDir, suffix) && ok;
    }
    alice->close();
    bob->close();
    settle(100);
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("wslab-screenshots"));
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: wslab_screenshots OUTDIR [WIDTHxHEIGHT ...]\n");
        return 2;
    }
    const QString outDir = args.at(1);
    QDir().mkpath(outDir);
    QList<QSize> sizes;
    for (const QString &arg : args.mid(2)) {
        const QStringList parts = arg.split(QLatin1Char('x'));
        if (parts.size() == 2)
            sizes.append(QSize(parts.at(0).toInt(), parts.at(1).toInt()));
    }
    if (sizes.isEmpty())
        sizes = {QSize(1366, 768), QSize(1920, 1080)};

    bool ok = true;
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
        for (const QSize &size : sizes)
            ok = render(outDir, language, size, size == sizes.first()) && ok;
    }
    return ok ? 0 : 1;
}
