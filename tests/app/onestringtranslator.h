#pragma once

#include <QTranslator>

// A translator for one context and source text only: text from any other context or source (or
// not passed through translate() at all) stays as it is. Lets a test prove a string is looked up
// under the context lupdate gives it, without a .qm file.
class OneStringTranslator : public QTranslator
{
public:
    OneStringTranslator(const char *context, const char *source, QString translation)
        : m_context(context)
        , m_source(source)
        , m_translation(std::move(translation))
    {
    }

    [[nodiscard]] bool isEmpty() const override { return false; }

    [[nodiscard]] QString translate(const char *context, const char *sourceText, const char *disambiguation,
                                    int n) const override
    {
        Q_UNUSED(disambiguation);
        Q_UNUSED(n);
        if (qstrcmp(context, m_context) == 0 && qstrcmp(sourceText, m_source) == 0)
            return m_translation;
        return QString();
    }

private:
    const char *m_context;
    const char *m_source;
    QString m_translation;
};
