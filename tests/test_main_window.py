from app.ui.main_window import MainWindow


def test_main_window_opens_with_title(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "Jurnal Desk"
