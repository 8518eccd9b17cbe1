#pragma once

#include "app/files/filedialog.h"

#include "capture/capturefilereader.h"

#include <QMainWindow>
#include <QSet>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;
QT_END_NAMESPACE

namespace wslab::app {

class CaptureFileLoader;
class CaptureView;
class SelectionExport;

// One capture file in a window of its own, beside the live window (the server keeps running; live
// and file captures are never mixed). The same views as live traffic (CaptureView); the file is
// read off the GUI thread with a progress bar and Cancel, rows appearing as they are read, every
// row kept. A file that goes bad part-way shows what was read and says where it went wrong.
class CaptureFileWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit CaptureFileWindow(const QString &path, QWidget *parent = nullptr);
    ~CaptureFileWindow() override;

    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] CaptureView *view() const { return m_view; }
    [[nodiscard]] bool isLoading() const;
    // The error shown over the table, empty when the file read well.
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QSet<quint16> decodeAsPorts() const { return m_decodeAsPorts; }
    [[nodiscard]] QMenu *fileMenu() const { return m_fileMenu; }
    [[nodiscard]] QMenu *editMenu() const { return m_editMenu; }
    [[nodiscard]] SelectionExport *selectionExport() const { return m_selection; }
    void setFileDialog(const FileDialog &dialog);

public Q_SLOTS:
    // Reads the file again from the start, with the current "decode as" ports.
    void reload();
    void cancelLoading();
    // Connections to these server ports are read as WebSocket from their first byte (a capture that
    // started after the upgrade); re-reads the file.
    void setDecodeAsPorts(const QSet<quint16> &ports);
    void askDecodeAsPorts();
    void exportHar();

Q_SIGNALS:
    void openRequested();
    void loaded(const wslab::capture::CaptureFileReader::Result &result);

protected:
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void createMenus();
    void onProgress(qint64 bytesRead, qint64 fileSize);
    void onFinished(const capture::CaptureFileReader::Result &result);
    void retranslateUi();
    void updateStatus();

    QString m_path;
    FileDialog m_dialog;
    CaptureView *m_view = nullptr;
    CaptureFileLoader *m_loader = nullptr;
    SelectionExport *m_selection = nullptr;
    QSet<quint16> m_decodeAsPorts;
    std::optional<capture::CaptureFileReader::Result> m_result;
    bool m_cancelled = false;

    QLabel *m_notice = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_statusText = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_exportMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_captureMenu = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_reloadAction = nullptr;
    QAction *m_decodeAsAction = nullptr;
    QAction *m_exportHarAction = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_findAction = nullptr;
};

} // namespace wslab::app
