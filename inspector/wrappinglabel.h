#pragma once

#include <QLabel>

namespace wslab::inspector {

// A word-wrapped label that asks its layout for all its lines at the width it has. A plain
// word-wrapped QLabel gives a layout only a size hint measured at some other width, so in a short
// pane, a splitter or a tab it is squeezed and its last line is cut; this one is as tall as its
// text at its own width, in the font it is drawn with, and a pane too short for it scrolls.
class WrappingLabel : public QLabel
{
    Q_OBJECT
public:
    explicit WrappingLabel(QWidget *parent = nullptr);

    [[nodiscard]] QSize minimumSizeHint() const override;
    [[nodiscard]] QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
};

} // namespace wslab::inspector
