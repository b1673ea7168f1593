"""Excel: the weekly review workbook, list exports and head-office imports (Qt-free)."""
