#include "app/files/capturefileactions.h"

#include "app/capturefiles.h"
#include "app/teststartupoptions.h"
#include "app/files/capturefilewindow.h"
#include "app/files/selectionexport.h"
#include "app/mainwindow/captureview.h"
#include "app/mainwindow/mainwindow.h"

#include "inspector/framecapturemodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDropEvent>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

using namespace wslab;
using namespace wslab::app;

// The live window's files: Open (the File menu, a drop, the recent list) puts a file in a window of
// its own; Save writes the live capture so that it reads back the same; quitting asks about a
// capture that was never saved.
class tst_CaptureFileActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void fileMenuOpensTheFileInItsOwnWindow();
    void droppedFileOpensInItsOwnWindow();
    void filesNamedAtStartOpenOnceTheWindowShows();
    void recentFilesKeepTheTenNewestFirst();
    void vanishedRecentFileIsRemovedWithAMessage();
    void savedCaptureReadsBackTheSame();
    void quittingWithAnUnsavedCaptureAsks_data();
    void quittingWithAnUnsavedCaptureAsks();
    void dontAskAgainIsRemembered();
    void editMenuFollowsFileAndCopiesTheSelection();

private:
    void makeWindow();
    // The path the injected file dialog answers with.
    QString m_answer;
    // Each file window's read, waited for.
    static void waitLoaded(CaptureFileWindow *window);
    [[nodiscard]] QString sampleFile(const QString &name, int frames = 5) const;
    [[nodiscard]] QAction *fileMenuAction(const QString &objectName) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void tst_CaptureFileActions::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    makeWindow();
}

void tst_CaptureFileActions::makeWindow()
{
    m_window = std::make_unique<MainWindow>(test::testStartupOptions(m_dir->filePath(QStringLiteral("wslab.ini"))));
    const auto answer = [this](QWidget *, const QString &, const QString &, const QString &) { return m_answer; };
    m_window->fileActions()->setFileDialog(FileDialog(answer, answer));
    m_window->show();
}

void tst_CaptureFileActions::cleanup()
{
    m_window.reset();
    m_dir.reset();
}

void tst_CaptureFileActions::waitLoaded(CaptureFileWindow *window)
{
    QVERIFY(window);
    QTRY_VERIFY_WITH_TIMEOUT(!window->isLoading(), 30'000);
}

QString tst_CaptureFileActions::sampleFile(const QString &name, int frames) const
{
    const QString path = m_dir->filePath(name);
    return app::testing::writeCaptureFile(path, app::testing::sampleConversation(frames)) ? path : QString();
}

QAction *tst_CaptureFileActions::fileMenuAction(const QString &objectName) const
{
    const QMenu *file = m_window->menuBar()->actions().first()->menu();
    for (QAction *action : file->actions()) {
        if (action->objectName() == objectName)
            return action;
    }
    return nullptr;
}

void tst_CaptureFileActions::fileMenuOpensTheFileInItsOwnWindow()
{
    const int liveRows = m_window->captureModel()->rowCount();
    m_answer = sampleFile(QStringLiteral("menu.pcapng"), 12);
    QVERIFY(!m_answer.isEmpty());
    QAction *open = fileMenuAction(QStringLiteral("openCaptureFile"));
    QVERIFY(open);
    QCOMPARE(open->shortcut(), QKeySequence(QKeySequence::Open));
    open->trigger();

    const auto windows = m_window->fileActions()->fileWindows();
    QCOMPARE(windows.size(), 1);
    CaptureFileWindow *file = windows.first();
    QAbstractItemModelTester tester(file->view()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    waitLoaded(file);
    QCOMPARE(file->view()->model()->rowCount(), app::testing::sampleConversation(12).size());
    QVERIFY(file->isVisible());
    QVERIFY(file->isWindow());
    QCOMPARE(file->windowTitle(), QStringLiteral("menu.pcapng — WebSocket Lab"));
    // Live and file captures never mix.
    QCOMPARE(m_window->captureModel()->rowCount(), liveRows);
    QVERIFY(file->view() != m_window->captureView());
}

void tst_CaptureFileActions::droppedFileOpensInItsOwnWindow()
{
    const QString path = sampleFile(QStringLiteral("dropped.pcapng"), 3);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint centre = m_window->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);
    QVERIFY(drop.isAccepted());

    const auto windows = m_window->fileActions()->fileWindows();
    QCOMPARE(windows.size(), 1);
    waitLoaded(windows.first());
    QCOMPARE(windows.first()->view()->model()->rowCount(), app::testing::sampleConversation(3).size());

    // Dropped on that file's window, another file opens in a window of its own too.
    const QString second = sampleFile(QStringLiteral("second.pcapng"), 4);
    QMimeData secondMime;
    secondMime.setUrls({QUrl::fromLocalFile(second)});
    QDragEnterEvent secondEnter(centre, Qt::CopyAction, &secondMime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(windows.first(), &secondEnter);
    QVERIFY(secondEnter.isAccepted());
    QDropEvent secondDrop(centre, Qt::CopyAction, &secondMime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(windows.first(), &secondDrop);
    QVERIFY(secondDrop.isAccepted());
    QCOMPARE(m_window->fileActions()->fileWindows().size(), 2);
    CaptureFileWindow *opened = m_window->fileActions()->fileWindows().last();
    waitLoaded(opened);
    QCOMPARE(opened->path(), QFileInfo(second).absoluteFilePath());
    QCOMPARE(opened->view()->model()->rowCount(), app::testing::sampleConversation(4).size());

    // Text without a file is no drop for this window.
    QMimeData text;
    text.setText(QStringLiteral("hello"));
    QDragEnterEvent textEnter(centre, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    textEnter.setAccepted(false);
    QApplication::sendEvent(m_window.get(), &textEnter);
    QVERIFY(!textEnter.isAccepted());
}

// `wslab a.pcapng b.pcapng`, and a double click in a file manager: each file in a window of its own,
// in order, once the live window is up.
void tst_CaptureFileActions::filesNamedAtStartOpenOnceTheWindowShows()
{
    m_window.reset();
    const QString first = sampleFile(QStringLiteral("first.pcapng"), 2);
    const QString second = sampleFile(QStringLiteral("second.pcapng"), 5);
    StartupOptions options = test::testStartupOptions(m_dir->filePath(QStringLiteral("wslab.ini")));
    options.captureFiles = {first, second};
    m_window = std::make_unique<MainWindow>(options);
    QVERIFY(m_window->fileActions()->fileWindows().isEmpty()); // not before the live window shows
    m_window->show();
    QTRY_COMPARE(m_window->fileActions()->fileWindows().size(), 2);
    const auto windows = m_window->fileActions()->fileWindows();
    QCOMPARE(windows.at(0)->path(), QFileInfo(first).absoluteFilePath());
    QCOMPARE(windows.at(1)->path(), QFileInfo(second).absoluteFilePath());
    waitLoaded(windows.at(1));
    QCOMPARE(windows.at(1)->view()->model()->rowCount(), app::testing::sampleConversation(5).size());
    // Shown again (restored from the taskbar), the window opens nothing more.
    m_window->hide();
    m_window->show();
    QTest::qWait(50);
    QCOMPARE(m_window->fileActions()->fileWindows().size(), 2);
}

void tst_CaptureFileActions::recentFilesKeepTheTenNewestFirst()
{
    const QString path = sampleFile(QStringLiteral("recent.pcapng"), 1);
    QStringList opened;
    for (int i = 0; i < CaptureFileActions::maxRecentFiles + 2; ++i) {
        const QString copy = m_dir->filePath(QStringLiteral("recent%1.pcapng").arg(i));
        QVERIFY(QFile::copy(path, copy));
        auto *window = m_window->fileActions()->openFile(copy);
        waitLoaded(window);
        window->close();
        opened.prepend(QFileInfo(copy).absoluteFilePath());
    }
    QMenu *recent = m_window->fileActions()->recentMenu();
    Q_EMIT recent->aboutToShow();
    QStringList listed;
    for (const QAction *action : recent->actions())
        listed.append(action->data().toString());
    QCOMPARE(listed, opened.first(CaptureFileActions::maxRecentFiles));

    // Opening one again moves it to the top.
    waitLoaded(m_window->fileActions()->openFile(opened.last()));
    Q_EMIT recent->aboutToShow();
    QCOMPARE(recent->actions().first()->data().toString(), opened.last());
}

void tst_CaptureFileActions::vanishedRecentFileIsRemovedWithAMessage()
{
    const QString kept = sampleFile(QStringLiteral("kept.pcapng"), 1);
    const QString gone = sampleFile(QStringLiteral("gone.pcapng"), 1);
    for (const QString &path : {kept, gone})
        waitLoaded(m_window->fileActions()->openFile(path));
    QVERIFY(QFile::remove(gone));

    QMenu *recent = m_window->fileActions()->recentMenu();
    Q_EMIT recent->aboutToShow();
    QCOMPARE(recent->actions().size(), 2);
    QAction *goneAction = recent->actions().first();
    QCOMPARE(goneAction->data().toString(), QFileInfo(gone).absoluteFilePath());
    goneAction->trigger();

    auto *message = m_window->findChild<QMessageBox *>(QStringLiteral("recentFileMissing"));
    QVERIFY(message);
    QVERIFY(message->text().contains(QStringLiteral("gone.pcapng")));
    message->close();
    QCOMPARE(m_window->fileActions()->fileWindows().size(), 2); // no window for the vanished file
    Q_EMIT recent->aboutToShow();
    QCOMPARE(recent->actions().size(), 1);
    QCOMPARE(recent->actions().first()->data().toString(), QFileInfo(kept).absoluteFilePath());
}

void tst_CaptureFileActions::savedCaptureReadsBackTheSame()
{
    const auto records = app::testing::sampleConversation(20);
    m_window->captureView()->appendBatch(records);
    QVERIFY(m_window->fileActions()->hasUnsavedRecords());
    m_answer = m_dir->filePath(QStringLiteral("saved")); // no suffix: .pcapng is added
    QAction *save = fileMenuAction(QStringLiteral("saveCapture"));
    QVERIFY(save);
    QCOMPARE(save->shortcut(), QKeySequence(QKeySequence::Save));
    save->trigger();
    QCOMPARE(m_window->fileActions()->savedPath(), m_answer + QStringLiteral(".pcapng"));
    QVERIFY(!m_window->fileActions()->hasUnsavedRecords());

    auto *reopened = m_window->fileActions()->openFile(m_window->fileActions()->savedPath());
    waitLoaded(reopened);
    QVERIFY(reopened->errorText().isEmpty());
    const auto *live = m_window->captureModel();
    const auto *file = reopened->view()->model();
    QCOMPARE(file->rowCount(), live->rowCount());
    for (int row = 0; row < live->rowCount(); ++row) {
        const capture::CaptureRecord &a = live->record(row);
        const capture::CaptureRecord &b = file->record(row);
        QCOMPARE(b.id, a.id);
        QCOMPARE(b.kind, a.kind);
        QCOMPARE(b.connectionId, a.connectionId);
        QCOMPARE(b.direction, a.direction);
        QCOMPARE(b.wireBytes, a.wireBytes);
        QCOMPARE(b.note, a.note);
        QCOMPARE(b.frame.has_value(), a.frame.has_value());
        if (a.frame)
            QCOMPARE(b.frame->wireBytes(), a.frame->wireBytes());
        // Times shift by the epoch origin the live capture is saved with; their spacing does not.
        QCOMPARE(b.timeNs - file->record(0).timeNs, a.timeNs - live->record(0).timeNs);
    }
}

void tst_CaptureFileActions::quittingWithAnUnsavedCaptureAsks_data()
{
    QTest::addColumn<int>("answer");
    QTest::addColumn<bool>("closes");
    QTest::addColumn<bool>("saved");
    QTest::addRow("cancel stays") << int(QMessageBox::Cancel) << false << false;
    QTest::addRow("discard quits") << int(QMessageBox::Discard) << true << false;
    QTest::addRow("save saves and quits") << int(QMessageBox::Save) << true << true;
}

void tst_CaptureFileActions::quittingWithAnUnsavedCaptureAsks()
{
    QFETCH(int, answer);
    QFETCH(bool, closes);
    QFETCH(bool, saved);
    m_window->captureView()->appendBatch(app::testing::sampleConversation(2));
    m_answer = m_dir->filePath(QStringLiteral("on-quit.pcapng"));
    bool asked = false;
    QTimer answerer; // a local timer: nothing of this test fires in the next one
    answerer.setSingleShot(true);
    connect(&answerer, &QTimer::timeout, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        QCOMPARE(box->objectName(), QStringLiteral("saveOnQuit"));
        asked = true;
        box->button(QMessageBox::StandardButton(answer))->click();
    });
    answerer.start(0);
    QCOMPARE(m_window->close(), closes);
    QVERIFY(asked);
    QCOMPARE(QFileInfo::exists(m_answer), saved);
    // Records that were saved (or never came) ask nothing.
    if (!closes) {
        m_window->captureView()->clear();
        QVERIFY(m_window->close());
    }
}

void tst_CaptureFileActions::dontAskAgainIsRemembered()
{
    m_window->captureView()->appendBatch(app::testing::sampleConversation(2));
    bool asked = false;
    QTimer answerer;
    answerer.setSingleShot(true);
    connect(&answerer, &QTimer::timeout, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        asked = true;
        box->checkBox()->setChecked(true);
        box->button(QMessageBox::Discard)->click();
    });
    answerer.start(0);
    QVERIFY(m_window->close());
    QVERIFY(asked);

    // The next run keeps the answer: an unsaved capture quits without a question.
    m_window.reset();
    makeWindow();
    m_window->captureView()->appendBatch(app::testing::sampleConversation(2));
    QVERIFY(m_window->fileActions()->hasUnsavedRecords());
    asked = false;
    disconnect(&answerer, nullptr, this, nullptr);
    connect(&answerer, &QTimer::timeout, this, [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            asked = true;
            box->button(QMessageBox::Cancel)->click();
        }
    });
    answerer.start(0);
    QVERIFY(m_window->close());
    QVERIFY(!asked);
}

void tst_CaptureFileActions::editMenuFollowsFileAndCopiesTheSelection()
{
    const QList<QAction *> bar = m_window->menuBar()->actions();
    QVERIFY(bar.size() > 2);
    QCOMPARE(bar.at(1)->menu()->objectName(), QStringLiteral("editMenu"));
    QCOMPARE(bar.at(1)->text(), QStringLiteral("&Edit"));
    QMenu *copyAs = m_window->fileActions()->selectionExport()->copyMenu();
    QVERIFY(bar.at(1)->menu()->actions().contains(copyAs->menuAction()));

    // The live capture's selected frame, copied as a hex stream from the menu.
    m_window->captureView()->appendBatch(app::testing::sampleConversation(1));
    int frameRow = -1;
    const auto *model = m_window->captureModel();
    for (int row = 0; row < model->rowCount() && frameRow < 0; ++row)
        frameRow = model->record(row).kind == capture::RecordKind::Frame ? row : -1;
    QVERIFY(frameRow >= 0);
    m_window->captureView()->selectRecord(model->record(frameRow).id);
    QVERIFY(copyAs->isEnabled());
    QVERIFY(m_window->captureView()->currentRecord());
    QCOMPARE(m_window->captureView()->currentRecord()->kind, capture::RecordKind::Frame);
    QAction *frame = copyAs->actions().at(int(SelectionExport::Part::Frame));
    frame->menu()->actions().at(int(inspector::ByteExportFormat::Kind::HexStream))->trigger();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("818537fa213d7f9f4d5158"));
}

QTEST_MAIN(tst_CaptureFileActions)
#include "tst_capturefileactions.moc"
