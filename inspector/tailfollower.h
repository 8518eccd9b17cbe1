#pragma once

#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QAbstractItemView;
QT_END_NAMESPACE

namespace wslab::inspector {

// Makes a table follow the live capture only while the learner is at the bottom: new rows scroll
// into view if the last row was in view before they came; otherwise the view stays where it was,
// and rows evicted from the front (the row cap) do not slide the rows being read out from under
// the learner. Attach once the view has its model.
class TailFollower : public QObject
{
    Q_OBJECT
public:
    explicit TailFollower(QAbstractItemView *view);

    [[nodiscard]] bool isFollowing() const;

private:
    void watch();
    [[nodiscard]] bool isAtBottom() const;

    QPointer<QAbstractItemView> m_view;
    bool m_wasAtBottom = true;
};

} // namespace wslab::inspector
