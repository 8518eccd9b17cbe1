#pragma once

#include <QAbstractListModel>

namespace wslab::app {

class LessonTracker;

// The lessons as a list: "✓ 4. Payload length  4/4". Titles are translated in data(), so a
// language switch only needs a dataChanged.
class LessonListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        DoneCountRole = Qt::UserRole + 1,
        TaskCountRole,
        LessonIdRole,
    };

    explicit LessonListModel(LessonTracker *tracker, QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    void refresh(); // every row's text and counts (progress, language)

private:
    LessonTracker *m_tracker;
};

} // namespace wslab::app
