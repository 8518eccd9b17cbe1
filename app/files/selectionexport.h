#pragma once

#include "app/files/filedialog.h"

#include "inspector/byteexportformat.h"

#include <QObject>

QT_BEGIN_NAMESPACE
class QMenu;
QT_END_NAMESPACE

namespace wslab::capture {
struct CaptureRecord;
}
namespace wslab::inspector {
class FrameCaptureModel;
}

namespace wslab::app {

class CaptureView;

// The selected row's bytes for other tools: Edit > Copy As and File > Export > Selected Bytes, each
// for the whole frame as it crossed the wire, its payload (unmasked) or the whole message (its
// fragments joined, inflated when it was compressed), in every ByteExportFormat.
class SelectionExport : public QObject
{
    Q_OBJECT
public:
    enum class Part : quint8 { Frame, Payload, Message };
    static constexpr int partCount = 3;

    SelectionExport(CaptureView *view, QWidget *dialogParent);

    [[nodiscard]] QMenu *copyMenu() const { return m_copyMenu; }
    [[nodiscard]] QMenu *exportMenu() const { return m_exportMenu; }
    void setFileDialog(const FileDialog &dialog) { m_dialog = dialog; }

    // The bytes of `part` of the model's `row`.
    [[nodiscard]] static QByteArray bytesOf(const inspector::FrameCaptureModel &model, int row, Part part);

public Q_SLOTS:
    void copy(wslab::app::SelectionExport::Part part, wslab::inspector::ByteExportFormat::Kind kind);
    void exportToFile(wslab::app::SelectionExport::Part part, wslab::inspector::ByteExportFormat::Kind kind);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fillMenu(QMenu *menu, bool toFile);
    void retranslateUi();
    void updateEnabled();
    [[nodiscard]] static QString partName(Part part);
    [[nodiscard]] static QString kindName(inspector::ByteExportFormat::Kind kind);
    [[nodiscard]] QByteArray selected(Part part, bool *ok) const;

    CaptureView *m_view;
    QWidget *m_dialogParent;
    FileDialog m_dialog;
    QMenu *m_copyMenu = nullptr;
    QMenu *m_exportMenu = nullptr;
};

} // namespace wslab::app
