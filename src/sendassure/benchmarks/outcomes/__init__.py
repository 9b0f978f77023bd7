"""Published outcomes for children with SEND (attainment, attendance, destinations,
inclusion, children in need, high-needs finance, tribunal appeals, area SEND inspection),
each LA beside its region and England, as DfE, MoJ and Ofsted publish them."""
