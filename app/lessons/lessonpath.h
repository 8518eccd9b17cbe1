#pragma once

#include "app/lessons/lesson.h"

namespace wslab::app {

// The guided path through RFC 6455 and RFC 7692, in the order the tutorial teaches it. Texts are
// written for this app; they name its views and the chat page's tools.
class LessonPath
{
public:
    [[nodiscard]] static QList<Lesson> standard();
    // A lesson's or task's text in the current language.
    [[nodiscard]] static QString text(const char *source);
};

} // namespace wslab::app
