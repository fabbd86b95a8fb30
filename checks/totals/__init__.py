"""Generic totals: rows and columns labelled 合计/总计/小计/共计 in any table."""
