"""Rightscope's optional non-commercial data set (CC BY-NC-SA 4.0). Loaded by ``rightscope.law`` when installed."""
