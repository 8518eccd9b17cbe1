#pragma once

#include "app/files/filedialog.h"

#include <QList>
#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QAction;
class QMainWindow;
class QMenu;
QT_END_NAMESPACE

namespace wslab::app {

class CaptureFileWindow;
class CaptureView;
class SelectionExport;
class SettingsStore;

// The live window's file handling: File > Open (Ctrl+O), Open Recent, a file dropped on the window
// (each file in a CaptureFileWindow of its own, so live and file captures never mix), Save (Ctrl+S)
// and Save As of the live capture as pcapng, Export > HAR, and the question on quitting with
// records that were never saved.
class CaptureFileActions : public QObject
{
    Q_OBJECT
public:
    static constexpr int maxRecentFiles = 10;

    // `live`: the live capture; `originNs`: the epoch time of its records' time zero.
    CaptureFileActions(QMainWindow *window, SettingsStore *store, CaptureView *live, qint64 originNs);

    // Puts the actions at the top of the window's File menu, and an Edit menu after it.
    void addToMenu(QMenu *fileMenu);
    void setFileDialog(const FileDialog &dialog);
    [[nodiscard]] SelectionExport *selectionExport() const { return m_selection; }

    [[nodiscard]] QAction *openAction() const { return m_openAction; }
    [[nodiscard]] QAction *saveAction() const { return m_saveAction; }
    [[nodiscard]] QAction *saveAsAction() const { return m_saveAsAction; }
    [[nodiscard]] QAction *exportHarAction() const { return m_exportHarAction; }
    [[nodiscard]] QMenu *recentMenu() const { return m_recentMenu; }
    [[nodiscard]] QList<CaptureFileWindow *> fileWindows() const;
    [[nodiscard]] QString savedPath() const { return m_savedPath; }
    // Records arrived since the live capture was last saved (or cleared).
    [[nodiscard]] bool hasUnsavedRecords() const;
    // Before quitting: true to go on. Asks Save / Discard / Cancel when records were never saved,
    // unless the user said not to ask again.
    [[nodiscard]] bool confirmClose();

Q_SIGNALS:
    // A file's window was made (its view's actions, such as Replay, can be wired now).
    void fileWindowOpened(wslab::app::CaptureFileWindow *window);

public Q_SLOTS:
    void open();
    CaptureFileWindow *openFile(const QString &path);
    bool save();
    bool saveAs();
    void exportHar();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool saveTo(const QString &path);
    void remember(const QString &path);
    void fillRecentMenu();
    void openRecent(const QString &path);
    void retranslateUi();

    QMainWindow *m_window;
    SettingsStore *m_store;
    CaptureView *m_live;
    qint64 m_originNs;
    FileDialog m_dialog;
    QString m_savedPath;
    bool m_unsaved = false;
    QList<QPointer<CaptureFileWindow>> m_fileWindows;

    QAction *m_openAction = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QMenu *m_exportMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    SelectionExport *m_selection = nullptr;
    QAction *m_exportHarAction = nullptr;
};

} // namespace wslab::app
