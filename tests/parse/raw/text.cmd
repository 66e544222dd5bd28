state.conf
