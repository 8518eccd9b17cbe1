#pragma once

#include "net/epolleventdispatcher.h"

#include <QCoreApplication>
#include <QTest>

// A test of the network layer runs under Qt's own event dispatcher, or with
// WSLAB_TEST_DISPATCHER=epoll under the EpollEventDispatcher the app's socket threads use; the
// CMake file registers both runs.
#define WSLAB_NET_TEST_MAIN(TestClass)                                                                \
    int main(int argc, char *argv[])                                                                  \
    {                                                                                                 \
        if (qgetenv("WSLAB_TEST_DISPATCHER") == "epoll")                                              \
            QCoreApplication::setEventDispatcher(new wslab::net::EpollEventDispatcher);               \
        QCoreApplication app(argc, argv);                                                             \
        TestClass test;                                                                               \
        return QTest::qExec(&test, argc, argv);                                                       \
    }
